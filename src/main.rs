//! The kgraph binary: parses the command line, runs the subcommand and maps the outcome to an exit
//! code (0 success, 1 some inputs skipped, 2 usage or output error; a closed pipe is a success).
mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    // an article whose annotation panics is reported in one line and skipped, not a backtrace
    kgraph::pipeline::guard::install_quiet_hook();
    let result = match &args.command {
        cli::Command::Build(a) => cli::build(a),
        cli::Command::Extract(a) => cli::extract(a),
        cli::Command::Export(a) => cli::export(a),
        cli::Command::Merge(a) => cli::merge(a),
        cli::Command::Query(a) => cli::query(a),
        cli::Command::Stats(a) => cli::stats(a),
        cli::Command::Bench(a) => cli::bench(a),
        cli::Command::Train(a) => cli::train(a),
        cli::Command::Eval(a) => cli::eval(a),
    };
    match result {
        Ok(o) if o.skipped > 0 => {
            eprintln!("kgraph: {} input(s) skipped", o.skipped);
            ExitCode::from(1)
        }
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("kgraph: error: {}", cli::message(&e));
            ExitCode::from(2)
        }
    }
}
