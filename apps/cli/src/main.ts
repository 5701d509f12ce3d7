/**
 * `karta` — the project's command line. Each subcommand lives with the code it drives and is
 * loaded lazily, so `karta term` does not pay for NestJS or Temporal.
 */
type Command = { summary: string; run: (args: string[]) => Promise<number> };

const commands: Record<string, Command> = {
  term: {
    summary: 'parse deadline phrases: karta term [PHRASE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--tz ZONE]',
    run: async (args) => (await import('../../../libs/terms/src/cli')).termCommand(args),
  },
  import: {
    summary: 'read a roadmap document: karta import FILE [--format auto|text|docx|pdf|html|xlsx] [--json]',
    run: async (args) => (await import('../../../libs/importer/src/cli')).importCommand(args),
  },
  dev: {
    summary: 'start the whole system on embedded defaults (Temporal, PostgreSQL, SMTP, worker, API)',
    run: async (args) => (await import('./dev')).devCommand(args),
  },
};

function help(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return ['Usage: karta <command> [options]', '', 'Commands:', ...lines, '', 'karta <command> --help for details.'].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help() + '\n');
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`karta: unknown command '${name}'\n\n${help()}\n`);
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`karta: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
