// Shows a block marked data-show-when="checkbox-id" only while that checkbox is ticked (the own login's username and
// password, say). Without script every block stays visible, so the form still works.
const update = () => document.querySelectorAll('[data-show-when]').forEach(block => {
    const box = document.getElementById(block.dataset.showWhen);
    if (box) block.hidden = !box.checked;
});
document.addEventListener('change', update);
document.addEventListener('page-updated', update);
update();
