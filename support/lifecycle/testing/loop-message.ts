// What NSC-10/NSC-11 say of a daemon in a restart loop on the lab: which words depends on the moment it is seen.
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The failure line (`service item failed: message`) of a looping daemon, whichever look caught the loop. */
export function loopFailure(service: string, item: 'NSC-10' | 'NSC-11'): RegExp {
  const unit = escape(`${service}.service`);
  const seen = [
    'active, found (activating|failed)',
    'running steadily over \\d+ s, found MainPID \\d+ -> \\d+, NRestarts \\d+ -> \\d+: restarting',
    'running steadily, found waiting to restart \\(SubState=auto-restart, NRestarts=\\d+\\)',
    'at most 2 automatic restarts, found NRestarts=\\d+( \\(baseline \\d+\\))?: restarting in a loop',
  ];
  const head = `^${service} ${item} failed: ${service} on 127\\.0\\.0\\.1: ${item} unit ${unit}: expected `;
  return new RegExp(`${head}(${seen.join('|')})`);
}
