// Copy buttons: <button class="copy" data-copy="ELEMENT-ID"> copies that element's text. Bound by
// delegation so buttons that Ajax updates bring in work too.
document.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('button.copy') : null;
    if (!button) {
        return;
    }
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) {
        return;
    }
    var text = source.textContent;
    var done = function () {
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = 'Copy'; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { select(source); });
    } else {
        // Plain http on another host: no clipboard API, so select the text for Ctrl+C.
        select(source);
        button.textContent = 'Press Ctrl+C';
    }
});

function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
}
