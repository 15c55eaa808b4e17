// Follows a block marked data-live="url": fetches that url every second and puts the answer in its place, until the new
// block carries no data-live (the message is Sent or Failed) or five minutes have passed; then a notice that the work is
// under way (data-until-final) goes.
const follow = (block, deadline) => {
    const url = block.dataset.live;
    if (!url || Date.now() > deadline) return;
    setTimeout(async () => {
        try {
            const answer = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
            if (!answer.ok) return;
            const holder = document.createElement('div');
            holder.innerHTML = await answer.text();
            const next = holder.firstElementChild;
            if (!next) return;
            block.replaceWith(next);
            if (!next.dataset.live) document.querySelectorAll('[data-until-final]').forEach(notice => notice.remove());
            document.dispatchEvent(new Event('content-added'));
            follow(next, deadline);
        } catch {
            follow(block, deadline);
        }
    }, 1000);
};
document.querySelectorAll('[data-live]').forEach(block => follow(block, Date.now() + 5 * 60 * 1000));
