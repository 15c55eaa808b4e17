// Asks before a form marked data-confirm is sent (deleting, say); the policy forbids inline handlers, so it lives here.
document.addEventListener('submit', event => {
    const question = event.target.dataset?.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
});
