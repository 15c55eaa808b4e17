// Shows a block marked data-show-when="checkbox-id" only while that checkbox is ticked (the own login's username and
// password, say), one marked data-hide-when="checkbox-id" only while it is not (the users chosen for a channel that is
// not open to every agent), and one marked data-show-for="select-id=Value|Other" only while that select has one of
// those values (the OAuth app only for OAuth2). Without script every block stays visible, so the form still works.
const chosen = spec => {
    const [id, values] = spec.split('=');
    const field = document.getElementById(id);
    return !field || values.split('|').includes(field.value);
};
const update = () => {
    document.querySelectorAll('[data-show-when], [data-hide-when]').forEach(block => {
        const box = document.getElementById(block.dataset.showWhen ?? block.dataset.hideWhen);
        if (box) block.hidden = block.dataset.showWhen ? !box.checked : box.checked;
    });
    document.querySelectorAll('[data-show-for]').forEach(block => block.hidden = !chosen(block.dataset.showFor));
};
document.addEventListener('change', update);
document.addEventListener('page-updated', update);
update();
