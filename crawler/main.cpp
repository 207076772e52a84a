// The koubei binary: the composition root. It parses the command line and hands each command its
// options; the commands wire config, parsers, storage, scheduler and crawler together.
#include <CLI/CLI.hpp>
#include <curl/curl.h>

#include <csignal>
#include <iostream>

#include "crawler/allocator.hpp"
#include "crawler/commands.hpp"
#include "koubei_version.hpp"

int main(int argc, char** argv) {
  // A full disk must come back as EFBIG/ENOSPC from write(2), never kill the process.
  std::signal(SIGXFSZ, SIG_IGN);
  std::signal(SIGPIPE, SIG_IGN);

  CLI::App app{"koubei: social listening for Weibo, Xiaohongshu, Douyin and Dianping", "koubei"};
  app.set_version_flag("--version", std::string("koubei ") + koubei::kVersion + " (allocator " +
                                        koubei::cli::allocator_name() + ")");
  app.require_subcommand(1, 1);
  app.fallthrough(false);

  int exit_code = koubei::cli::kExitOk;
  koubei::cli::add_check_config(app, &exit_code);
  koubei::cli::add_parse(app, &exit_code);
  koubei::cli::add_sandbox(app, &exit_code);
  koubei::cli::add_fetch(app, &exit_code);
  koubei::cli::add_run(app, &exit_code);
  koubei::cli::add_backfill(app, &exit_code);
  koubei::cli::add_status(app, &exit_code);

  // Once per process, before any thread exists (libcurl-thread(3)); never in a static initialiser.
  curl_global_init(CURL_GLOBAL_DEFAULT);
  struct CurlGlobal {
    ~CurlGlobal() { curl_global_cleanup(); }
  } curl_global;

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return koubei::cli::kExitUsage;
  }
  return exit_code;
}
