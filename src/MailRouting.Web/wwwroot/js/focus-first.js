// Moves focus to what a post's answer is about (the error summary, a test's result), so keyboard and screen reader users
// start there; after a live test replaced the page too.
const focusFirst = () => document.querySelector('[data-focus-first]')?.focus();
document.addEventListener('page-updated', focusFirst);
focusFirst();
