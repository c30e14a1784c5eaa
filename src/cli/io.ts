// What a CLI command needs from the outside world, so commands run in-process in tests.

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Relative file arguments resolve against this, and output paths are shown relative to it. */
  cwd: string;
  /** Environment (NO_COLOR); defaults to none. */
  env?: Record<string, string | undefined>;
  /** Whether stdout is a terminal: colours only then. */
  isTTY?: boolean;
  /** A script that serves checks when started as a worker thread (the edp-check bundle); without it every file is checked in this thread. */
  workerScript?: string;
}
