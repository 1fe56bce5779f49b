/** Builds the static Allure HTML report with allure-commandline (Java 17 is on the machine). */
import { spawn } from 'node:child_process';

export function generateAllureReport(resultsDir: string, reportDir: string): Promise<void> {
  const allure = require.resolve('allure-commandline/dist/bin/allure');
  return new Promise((resolve, reject) => {
    const child = spawn(allure, ['generate', resultsDir, '--clean', '-o', reportDir], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`allure generate exited with ${code}`))));
  });
}
