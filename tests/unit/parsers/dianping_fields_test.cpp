#include "parsers/dianping/review_fields.hpp"

#include <catch2/catch.hpp>

using namespace koubei::parsers::dianping;
using Status = koubei::normalize::CountValue::Status;

TEST_CASE("star classes give NN/10 for NN in 0..50", "[parsers][dianping]") {
  CHECK(star_digits("sml-rank-stars sml-str45 star") == "45");
  CHECK(star_digits("sml-str40") == "40");
  CHECK(star_digits("sml-rank-stars") == std::nullopt);
  CHECK(star_digits("xsml-str40") == std::nullopt);
  CHECK(star_digits("sml-rank-stars sml-str") == "");
  CHECK(star_rating("45") == 4.5);
  CHECK(star_rating("40") == 4.0);
  CHECK(star_rating("10") == 1.0);
  CHECK(star_rating("50") == 5.0);
  CHECK(star_rating("0") == 0.0);
  CHECK(star_rating("55") == std::nullopt);
  CHECK(star_rating("100") == std::nullopt);
  CHECK(star_rating("4a") == std::nullopt);
  CHECK(star_rating("") == std::nullopt);
}

TEST_CASE("review times lose the edit mark and keep the first time", "[parsers][dianping]") {
  CHECK(review_time_text("  2025-11-20 08:00 ") == "2025-11-20 08:00");
  CHECK(review_time_text("更新于2025-11-20 08:00") == "2025-11-20 08:00");
  CHECK(review_time_text("更新于 11-20") == "11-20");
  CHECK(review_time_text("2025-11-18 更新于2025-11-20 08:00") == "2025-11-18");
  CHECK(review_time_text("").empty());
}

TEST_CASE("action counts are read from the bracket after their label", "[parsers][dianping]") {
  const auto likes = action_count("赞 (12) 回应 (3) 收藏 举报", "赞");
  CHECK(likes.status == Status::kNumber);
  CHECK(likes.value == 12);
  CHECK(action_count("赞(12)回应(3)", "回应").value == 3);
  CHECK(action_count("赞（5） 回应（0）", "回应").value == 0);
  CHECK(action_count("赞(1.2万)", "赞").value == 12000);
  CHECK(action_count("赞 回应 收藏", "赞").status == Status::kEmpty);
  CHECK(action_count("收藏 举报", "赞").status == Status::kEmpty);
  CHECK(action_count("赞(abc)", "赞").status == Status::kInvalid);
  CHECK(action_count("赞(12", "赞").status == Status::kInvalid);
}

TEST_CASE("member and shop ids come from their path segment", "[parsers][dianping]") {
  CHECK(member_id("/member/12345678") == "12345678");
  CHECK(member_id("//www.dianping.com/member/abc_1-x?from=review#top") == "abc_1-x");
  CHECK(member_id("https://www.dianping.com/member/123/reviews") == "123");
  CHECK(member_id("/member/") == "");
  CHECK(member_id("/member/12:34") == "");
  CHECK(member_id("javascript:;") == "");
  CHECK(shop_id("http://www.dianping.com/shop/k9AX5KRm7Fg5QOfG/review_all/p2") ==
        "k9AX5KRm7Fg5QOfG");
  CHECK(shop_id("http://www.dianping.com/shop/4527106/review_all") == "4527106");
  CHECK(shop_id("https://example.invalid/p?page=2") == "");
}

TEST_CASE("review page numbers come from the last /pN segment", "[parsers][dianping]") {
  CHECK(review_page("http://www.dianping.com/shop/x/review_all/p7") == 7u);
  CHECK(review_page("/shop/x/review_all/p12?queryType=sortType") == 12u);
  CHECK(review_page("/shop/x/review_all/p3/") == 3u);
  CHECK(review_page("http://www.dianping.com/shop/x/review_all") == std::nullopt);
  CHECK(review_page("/shop/x/review_all/p0") == std::nullopt);
  CHECK(review_page("/shop/x/review_all/p") == std::nullopt);
  CHECK(review_page("/shop/x/review_all/p99999999") == std::nullopt);
  CHECK(page_number("100000") == 100000u);
  CHECK(page_number("100001") == std::nullopt);
  CHECK(page_number("2a") == std::nullopt);
}

TEST_CASE("hrefs become absolute URLs on the public host", "[parsers][dianping]") {
  CHECK(absolute_url("//qcloud.dpfile.com/pc/a.jpg") == "https://qcloud.dpfile.com/pc/a.jpg");
  CHECK(absolute_url("/photos/1234567890") == "https://www.dianping.com/photos/1234567890");
  CHECK(absolute_url(" https://img.meituan.net/a.jpg ") == "https://img.meituan.net/a.jpg");
  CHECK(absolute_url("http://p1.meituan.net/a.jpg") == "http://p1.meituan.net/a.jpg");
  CHECK(absolute_url("javascript:;").empty());
  CHECK(absolute_url("//").empty());
  CHECK(absolute_url("photos/1").empty());
}
