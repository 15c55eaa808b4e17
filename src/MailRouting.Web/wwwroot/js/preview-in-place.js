// A button marked data-preview-in="ID" posts its form to its formaction in the background and shows the answer's block of
// that id in place, so nothing typed or chosen (attached files above all) is lost to a page that comes back. The files
// themselves are not sent along: a preview does not need them.
document.querySelectorAll('[data-preview-in]').forEach(button => button.addEventListener('click', async event => {
    const target = document.getElementById(button.dataset.previewIn);
    if (!target) return;
    event.preventDefault();
    const data = new FormData(button.form);
    [...data].filter(([, value]) => value instanceof File).forEach(([name]) => data.delete(name));
    try {
        const answer = await fetch(button.formAction, { method: 'POST', body: data, credentials: 'same-origin' });
        const block = answer.ok && new DOMParser().parseFromString(await answer.text(), 'text/html').getElementById(target.id);
        if (!block) throw new Error(`The preview answered ${answer.status}.`);
        target.replaceChildren(...block.childNodes);
        target.querySelector('[data-focus-first]')?.focus();
    } catch {
        button.form.requestSubmit(button);
    }
}));
