// Profiling aid: with SIGN_IMAGE_TRACE set, one stderr line per event, in ms since the process
// started (performance.now()), so the critical path of a run can be read off a single run.
// Off (the default), it costs one boolean test per call.
const on = Boolean(process.env.SIGN_IMAGE_TRACE);

/** Notes `what` happening now (only with SIGN_IMAGE_TRACE set). */
export function trace(what: string): void {
  if (on) process.stderr.write(`[trace ${performance.now().toFixed(1)}] ${what}\n`);
}
