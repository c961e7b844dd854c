// Before the browser tests: use Debian's Chromium where it is installed; elsewhere make
// sure Playwright's own Chromium is downloaded (a no-op when it already is).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('/usr/bin/chromium')) {
	execSync('npx playwright install chromium', { stdio: 'inherit' });
}
