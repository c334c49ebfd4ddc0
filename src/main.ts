// Thin entry of the `brier` executable: loads the CLI dispatcher on demand and sets the exit code.
export async function main(argv: string[]): Promise<void> {
  const { runCli } = await import('./cli/run-cli.ts');
  process.exitCode = await runCli(argv);
}
