// Example intranet page script (examples/intranet.html): listens to Crohn Score's results.
// 1. The element's events bubble (and cross its shadow root): event.detail = {instrument, inputs,
//    result}, where result is the core's JSON response (an {error, errors} object while inputs
//    are missing).
// 2. The iframe posts {type: 'crohn-score-result', instrument, inputs, result}; accept messages
//    only from the iframe's own origin.
const elementLog = document.getElementById('element-log');
document.addEventListener('crohn-score-result', (event) => {
  const { instrument, result } = event.detail;
  elementLog.textContent = JSON.stringify({ instrument, result }, null, 1);
  elementLog.dataset.count = String(Number(elementLog.dataset.count || 0) + 1);
});

const frame = document.getElementById('crohn-frame');
const frameOrigin = new URL(frame.src).origin;
const frameLog = document.getElementById('frame-log');
window.addEventListener('message', (event) => {
  if (event.origin !== frameOrigin || event.source !== frame.contentWindow) return;
  if (event.data?.type !== 'crohn-score-result') return;
  frameLog.textContent = JSON.stringify({ instrument: event.data.instrument, result: event.data.result }, null, 1);
  frameLog.dataset.count = String(Number(frameLog.dataset.count || 0) + 1);
});
