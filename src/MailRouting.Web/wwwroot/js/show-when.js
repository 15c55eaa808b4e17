// Shows a block marked data-show-when="checkbox-id" only while that checkbox is ticked (the own login's username and
// password, say), and one marked data-hide-when="checkbox-id" only while it is not (the users chosen for a channel that is
// not open to every agent). Without script every block stays visible, so the form still works.
const update = () => document.querySelectorAll('[data-show-when], [data-hide-when]').forEach(block => {
    const box = document.getElementById(block.dataset.showWhen ?? block.dataset.hideWhen);
    if (box) block.hidden = block.dataset.showWhen ? !box.checked : box.checked;
});
document.addEventListener('change', update);
document.addEventListener('page-updated', update);
update();
