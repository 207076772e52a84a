// outcome_of(): what each parser verdict means to the scheduler (fetch_page's retry policy and
// the gate's cool-downs key on it).

#include "scheduler/run/page_fetcher.hpp"

#include <catch2/catch.hpp>

namespace koubei::scheduler {

TEST_CASE("outcome_of maps every parser verdict to its scheduler outcome", "[scheduler][fetch]") {
  using parsers::Verdict;
  CHECK(outcome_of(Verdict::kOk) == Outcome::kOk);
  CHECK(outcome_of(Verdict::kEmpty) == Outcome::kEmpty);
  CHECK(outcome_of(Verdict::kRateLimited) == Outcome::kRateLimited);
  CHECK(outcome_of(Verdict::kLoginRequired) == Outcome::kLoginRequired);
  CHECK(outcome_of(Verdict::kCaptcha) == Outcome::kCaptcha);
  CHECK(outcome_of(Verdict::kNotFound) == Outcome::kNotFound);
  CHECK(outcome_of(Verdict::kSignatureRejected) == Outcome::kSignatureRejected);
  CHECK(outcome_of(Verdict::kUnrecognized) == Outcome::kUnrecognized);
  // A verdict outside the enum (a newer parser) is never taken for content.
  CHECK(outcome_of(static_cast<Verdict>(200)) == Outcome::kUnrecognized);
}

TEST_CASE("outcome_of: blocks are exactly the anti-bot verdicts", "[scheduler][fetch]") {
  using parsers::Verdict;
  CHECK(is_block(outcome_of(Verdict::kRateLimited)));
  CHECK(is_block(outcome_of(Verdict::kLoginRequired)));
  CHECK(is_block(outcome_of(Verdict::kCaptcha)));
  CHECK(is_block(outcome_of(Verdict::kSignatureRejected)));
  CHECK_FALSE(is_block(outcome_of(Verdict::kOk)));
  CHECK_FALSE(is_block(outcome_of(Verdict::kEmpty)));
  CHECK_FALSE(is_block(outcome_of(Verdict::kNotFound)));
  CHECK_FALSE(is_block(outcome_of(Verdict::kUnrecognized)));
}

TEST_CASE("FetchedPage::ok is true for a page of results or a real end only",
          "[scheduler][fetch]") {
  FetchedPage page;
  for (const Outcome o : {Outcome::kOk, Outcome::kEmpty}) {
    page.outcome = o;
    CHECK(page.ok());
  }
  for (const Outcome o : {Outcome::kTransient, Outcome::kRateLimited, Outcome::kCaptcha,
                          Outcome::kLoginRequired, Outcome::kSignatureRejected,
                          Outcome::kNotFound, Outcome::kUnrecognized}) {
    page.outcome = o;
    CHECK_FALSE(page.ok());
  }
}

}  // namespace koubei::scheduler
