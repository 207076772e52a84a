// The koubei binary driven as a user drives it: real process, real files, exit codes from cli.md.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "tests/support/schema_check.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

struct Run {
  int exit_code = -1;
  std::string out;  // stdout and stderr, in that order
};

// Runs koubei; stderr (and stdout, unless stdout_file is given) is captured in Run::out.
Run run(const std::string& args, const std::string& env = "", const std::string& stdout_file = "") {
  Run r;
  const std::string command = env + " " + KOUBEI_BINARY + " " + args +
                              (stdout_file.empty() ? " 2>&1" : " 2>&1 >'" + stdout_file + "'");
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) r.out += buf.data();
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

TEST_CASE("koubei --version and --help exit 0", "[cli]") {
  const Run version = run("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.out.find("koubei 0.") != std::string::npos);
  // The binary runs on jemalloc (crawler/allocator.cpp), not glibc's malloc.
  CHECK(version.out.find("(allocator jemalloc 5.") != std::string::npos);
  const Run help = run("--help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("check-config") != std::string::npos);
  const Run command_help = run("check-config --help");
  CHECK(command_help.exit_code == 0);
  CHECK(command_help.out.find("--config") != std::string::npos);
}

TEST_CASE("unknown commands, unknown flags and no command are usage errors with exit 2", "[cli]") {
  CHECK(run("").exit_code == 2);
  CHECK(run("frobnicate").exit_code == 2);
  CHECK(run("--frobnicate").exit_code == 2);
  CHECK(run("check-config --config x.toml --frobnicate").exit_code == 2);
  CHECK(run("check-config").exit_code == 2);
}

TEST_CASE("check-config prints the example's effective configuration with secrets masked",
          "[cli][config]") {
  const Run r = run(std::string("check-config --config ") + KOUBEI_SOURCE_DIR +
                        "/config/koubei.example.toml",
                    "WEIBO_COOKIE='SUB=cliSecretCookie1; SUBP=cliSecretCookie2' "
                    "XHS_COOKIE_1='a1=cliSecretCookie3'");
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("[platforms.weibo]") != std::string::npos);
  CHECK(r.out.find("cookie = '***'") != std::string::npos);
  CHECK(r.out.find("cliSecretCookie") == std::string::npos);
  CHECK(r.out.find("configuration is valid") != std::string::npos);
}

TEST_CASE("check-config exits 2 and names every problem with its line", "[cli][config]") {
  koubei::test::TempDir dir;
  koubei::test::write_file(dir / "bad.toml",
                           "[daemon]\n"
                           "state_dri = \"x\"\n"
                           "shutdown_grace = \"ten\"\n"
                           "[[query]]\n"
                           "id = \"q\"\n"
                           "keywords = \"k\"\n"
                           "comments = 1\n");
  const Run r = run("check-config --config " + (dir / "bad.toml").string());
  INFO(r.out);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("bad.toml:2:1: daemon.state_dri: unknown key") != std::string::npos);
  CHECK(r.out.find("bad.toml:3:18: daemon.shutdown_grace: \"ten\" is not a duration") !=
        std::string::npos);
  CHECK(r.out.find("bad.toml:7:12: query[0].comments: expected a boolean") != std::string::npos);
  CHECK(r.out.find("3 problems") != std::string::npos);
  CHECK(run("check-config --config " + (dir / "missing.toml").string()).exit_code == 2);
}

TEST_CASE("parse writes schema-valid records with influence and reports the verdict",
          "[cli][parse]") {
  const std::string fixtures = std::string(KOUBEI_SOURCE_DIR) + "/tests/fixtures/weibo/";
  koubei::test::TempDir dir;
  const std::string out = (dir / "out.jsonl").string();
  const Run r = run("parse --page-type weibo.search_api --fetched-at 2026-11-22T10:00:00+08:00 "
                    "--summary-json " + fixtures + "search_api_normal.json",
                "", out);
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"verdict\":\"ok\"") != std::string::npos);
  CHECK(r.out.find("\"items\":5") != std::string::npos);
  const std::string records = koubei::test::read_file(out);
  CHECK(std::count(records.begin(), records.end(), '\n') == 5);
  CHECK(records.find("\"scheme\":\"koubei.kol.v1\",\"partial\":false") != std::string::npos);
  std::string validator_output;
  const int code = koubei::test::validate_jsonl(out, validator_output);
  INFO(validator_output);
  CHECK(code == 0);
}

TEST_CASE("parse exits 3 on a block page and 2 on an unknown page type", "[cli][parse]") {
  const std::string fixtures = std::string(KOUBEI_SOURCE_DIR) + "/tests/fixtures/weibo/";
  const Run blocked = run("parse --page-type weibo.search_api " + fixtures + "search_api_captcha.json");
  INFO(blocked.out);
  CHECK(blocked.exit_code == 3);
  CHECK(blocked.out.find("verdict captcha") != std::string::npos);
  CHECK(run("parse --page-type weibo.nothing " + fixtures + "search_api_captcha.json").exit_code == 2);
  CHECK(run("parse --page-type weibo.search_api --fetched-at yesterday x.json").exit_code == 2);
  CHECK(run("parse --page-type weibo.search_api /nonexistent/page.json").exit_code == 1);
}

TEST_CASE("parse fills sentiment, and --keywords keeps matching items with their query",
          "[cli][parse]") {
  const std::string fixtures = std::string(KOUBEI_SOURCE_DIR) + "/tests/fixtures/weibo/";
  koubei::test::TempDir dir;
  const std::string all = (dir / "all.jsonl").string();
  const Run r = run("parse --page-type weibo.search_api --fetched-at 2026-11-22T10:00:00+08:00 " +
                        fixtures + "search_api_normal.json",
                    "", all);
  INFO(r.out);
  CHECK(r.exit_code == 0);
  const std::string records = koubei::test::read_file(all);
  CHECK(records.find("\"sentiment\":{\"label\":\"negative\"") != std::string::npos);
  CHECK(records.find("\"method\":\"koubei.lexicon.v1\"") != std::string::npos);
  CHECK(records.find("\"sentiment\":null") == std::string::npos);

  const std::string out = (dir / "matched.jsonl").string();
  const Run k = run("parse --page-type weibo.search_api --fetched-at 2026-11-22T10:00:00+08:00 "
                    "--summary-json --keywords '華為 AND 信號 NOT 转发' --query-id huawei-signal " +
                        fixtures + "search_api_normal.json",
                    "", out);
  INFO(k.out);
  CHECK(k.exit_code == 0);
  CHECK(k.out.find("\"items\":1,") != std::string::npos);
  CHECK(k.out.find("\"unmatched\":4") != std::string::npos);
  const std::string matched = koubei::test::read_file(out);
  CHECK(std::count(matched.begin(), matched.end(), '\n') == 1);
  CHECK(matched.find("\"query\":{\"id\":\"huawei-signal\",\"matched\":[\"華為\",\"信號\"]}") !=
        std::string::npos);
  std::string validator_output;
  const int code = koubei::test::validate_jsonl(out, validator_output);
  INFO(validator_output);
  CHECK(code == 0);
  CHECK(koubei::test::validate_jsonl(all, validator_output) == 0);
}

TEST_CASE("parse rejects a bad --keywords expression with a caret at its column",
          "[cli][parse]") {
  const std::string fixtures = std::string(KOUBEI_SOURCE_DIR) + "/tests/fixtures/weibo/";
  const Run r = run("parse --page-type weibo.search_api --keywords '华为 and 信号' " + fixtures +
                    "search_api_normal.json");
  INFO(r.out);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("operators are upper-case") != std::string::npos);
  CHECK(r.out.find("  华为 and 信号\n       ^") != std::string::npos);
  CHECK(run("parse --page-type weibo.search_api --keywords 'NOT 广告' " + fixtures +
            "search_api_normal.json").exit_code == 2);
}

TEST_CASE("check-config rejects an unsearchable query with file, line and column", "[cli][config]") {
  koubei::test::TempDir dir;
  koubei::test::write_file(dir / "q.toml", "[[query]]\nid = \"q\"\nkeywords = '华为 AND AND 信号'\n");
  const Run r = run("check-config --config " + (dir / "q.toml").string());
  INFO(r.out);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("q.toml:3:20: query[0].keywords: expected a term, phrase or ( after AND") !=
        std::string::npos);
}
