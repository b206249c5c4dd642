// Learner code sees only what Python needs to run: no tokens, no CI secrets, no user configuration.
const ALLOWED = new Set([
  'PATH',
  'HOME',
  'USERPROFILE',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TERM',
  'TMPDIR',
  'TEMP',
  'TMP',
  'SYSTEMROOT',
  'SYSTEMDRIVE',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'NUMBER_OF_PROCESSORS',
  'PROCESSOR_ARCHITECTURE',
]);
const SECRET =
  /(TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE|API_?KEY|AUTH)|^(GITHUB_|ACTIONS_|RUNNER_|NPM_|AWS_|AZURE_|GOOGLE_|GCP_)/i;

export function sandboxEnv(source: NodeJS.ProcessEnv, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const upper = key.toUpperCase();
    if ((ALLOWED.has(upper) || upper.startsWith('LC_')) && !SECRET.test(upper)) env[key] = value;
  }
  return { ...env, ...extra };
}
