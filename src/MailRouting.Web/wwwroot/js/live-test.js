// Runs a connection test (a submit button marked data-live-test) inside the page: each stage appears as it finishes, with
// a spinner and a Cancel button, and the result then replaces the page as the plain post would, keeping typed passwords
// and the folds the user opened.
// Without script the button posts the form as usual, and whatever this script cannot handle falls back to that post.
// A button's formAction is the page's own address when it has no formaction of its own, not its form's action.
const targetOf = (form, button) => button.hasAttribute('formaction') ? button.formAction : form.action;

const postPlainly = (form, button) => {
    form.action = targetOf(form, button);
    form.submit();
};

const progressPanel = button => {
    const panel = document.createElement('div');
    panel.className = 'live-test';
    panel.innerHTML = '<p role="status"><span class="spinner" aria-hidden="true"></span> <span class="state">Testing…</span></p>' +
        '<ol class="stages" aria-label="Stages finished"></ol><button type="button" class="secondary cancel">Cancel test</button>';
    button.insertAdjacentElement('afterend', panel);
    return panel;
};

const showStage = (panel, stage) => {
    const item = document.createElement('li');
    item.className = stage.ok ? 'ok' : 'fail';
    item.textContent = `${stage.name}: ${stage.ok ? 'OK' : 'Failed'} (${stage.durationMs} ms) — ${stage.detail}`;
    panel.querySelector('.stages').append(item);
};

const showPage = html => {
    const next = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
    const current = document.querySelector('main');
    const typed = Array.from(current.querySelectorAll('input[type=password]')).filter(i => i.id && i.value);
    const opened = Array.from(current.querySelectorAll('details[open][id]'), details => details.id);
    current.replaceWith(next);
    typed.forEach(input => { const same = document.getElementById(input.id); if (same) same.value = input.value; });
    opened.forEach(id => document.getElementById(id)?.setAttribute('open', ''));
    document.dispatchEvent(new Event('page-updated'));
};

async function* jsonLines(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let pending = '';
    for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        pending += value;
        const lines = pending.split('\n');
        pending = lines.pop();
        for (const line of lines) if (line) yield JSON.parse(line);
    }
}

document.addEventListener('submit', async event => {
    const button = event.submitter;
    if (event.defaultPrevented || !button?.hasAttribute('data-live-test')) return;
    event.preventDefault();
    const form = event.target;
    const controller = new AbortController();
    const panel = progressPanel(button);
    const state = panel.querySelector('.state');
    panel.querySelector('.cancel').addEventListener('click', () => controller.abort());
    button.disabled = true;
    try {
        const answer = await fetch(targetOf(form, button), {
            method: 'POST', body: new FormData(form, button), credentials: 'same-origin',
            headers: { Accept: 'application/x-ndjson' }, signal: controller.signal,
        });
        if (!answer.ok || !answer.headers.get('Content-Type')?.startsWith('application/x-ndjson')) return postPlainly(form, button);
        for await (const line of jsonLines(answer.body)) {
            if (line.stage) showStage(panel, line.stage);
            else if (line.page) return showPage(line.page);
            else if (line.location) return window.location.assign(line.location);
            else return postPlainly(form, button);
        }
        state.textContent = 'The test stopped before it finished. Try again.';
    } catch (error) {
        state.textContent = controller.signal.aborted ? 'Test cancelled. Nothing was saved.' : 'The test could not run here. Try again.';
    }
    panel.querySelector('.spinner')?.remove();
    panel.querySelector('.cancel').remove();
    button.disabled = false;
});
