#pragma once
// The koubei binary's commands (cli.md). Each takes its parsed options and returns the process
// exit code: 0 success, 1 runtime failure, 2 usage or configuration error, 3 finished with some
// pages failed.

#include <CLI/CLI.hpp>

#include <string>

namespace koubei::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitPartial = 3;

struct CheckConfigOptions {
  std::string config_file;
};

/// Each adds its command to the app; the command's callback stores the exit code in *exit_code.
void add_check_config(CLI::App& app, int* exit_code);
void add_parse(CLI::App& app, int* exit_code);
void add_sandbox(CLI::App& app, int* exit_code);
void add_fetch(CLI::App& app, int* exit_code);
void add_run(CLI::App& app, int* exit_code);
void add_backfill(CLI::App& app, int* exit_code);
void add_status(CLI::App& app, int* exit_code);

}  // namespace koubei::cli
