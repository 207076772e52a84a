// Xiaohongshu record pieces: text normalization, ids, author facts and media URL choice.
#include "parsers/xiaohongshu/media.hpp"
#include "parsers/xiaohongshu/record.hpp"

#include <catch2/catch.hpp>

using namespace koubei::parsers;
using namespace koubei::parsers::xiaohongshu;

TEST_CASE("xiaohongshu plain text turns topic markup into #topic#", "[parsers][xiaohongshu]") {
  CHECK(plain_text("好喝 #上海咖啡[话题]# #安福路[话题]#") == "好喝 #上海咖啡# #安福路#");
  CHECK(plain_text("#美食[话题]#") == "#美食#");
  // Only the "[话题]#" closing is markup; brackets elsewhere are text.
  CHECK(plain_text("[话题] 不是话题 #a#") == "[话题] 不是话题 #a#");
}

TEST_CASE("xiaohongshu plain text keeps markup-like characters as text", "[parsers][xiaohongshu]") {
  CHECK(plain_text("咖啡<3 & 甜品") == "咖啡<3 & 甜品");
  CHECK(plain_text("<b>x</b> &amp; y") == "<b>x</b> &amp; y");
  CHECK(plain_text("<br>") == "<br>");
}

TEST_CASE("xiaohongshu plain text follows the record's whitespace rules",
          "[parsers][xiaohongshu]") {
  CHECK(plain_text("  a   b  ") == "a b");
  CHECK(plain_text("a\r\nb") == "a\nb");
  CHECK(plain_text("a\n\n\n\nb") == "a\n\nb");
  CHECK(plain_text("a \n b") == "a\nb");
  CHECK(plain_text("  ") == "");
  CHECK(plain_text("bad \xff byte") == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("xiaohongshu ids are limited to URL-safe characters", "[parsers][xiaohongshu]") {
  CHECK(valid_id("6b015ec8000000001d03a7f2"));
  CHECK(valid_id("rec_6b0246a1-0"));
  CHECK_FALSE(valid_id(""));
  CHECK_FALSE(valid_id("bad id"));
  CHECK_FALSE(valid_id("a:b"));
  CHECK_FALSE(valid_id("6b01?x=1"));
  CHECK_FALSE(valid_id("../../etc"));
  CHECK_FALSE(valid_id(std::string(65, 'a')));
  CHECK(valid_id(std::string(64, 'a')));
}

TEST_CASE("xiaohongshu public URLs and record ids", "[parsers][xiaohongshu]") {
  CHECK(note_url("6b01") == "https://www.xiaohongshu.com/explore/6b01");
  CHECK(comment_url("6b01", "6c02") == "https://www.xiaohongshu.com/explore/6b01?comment_id=6c02");
  CHECK(note_record_id("6b01") == "xiaohongshu:note:6b01");
  CHECK(comment_record_id("6c02") == "xiaohongshu:comment:6c02");
}

TEST_CASE("xiaohongshu author facts are deduplicated and completed per page",
          "[parsers][xiaohongshu]") {
  ParseResult r;
  add_author_fact(r, "u1", std::nullopt, std::nullopt);
  add_author_fact(r, "u2", std::string("乙"), std::nullopt);
  add_author_fact(r, "u1", std::string("甲"), 12000);
  add_author_fact(r, "u1", std::string("别名"), 1);
  REQUIRE(r.authors.size() == 2);
  CHECK(r.authors[0].platform == koubei::model::Platform::kXiaohongshu);
  CHECK(r.authors[0].id == "u1");
  CHECK(r.authors[0].name == "甲");
  CHECK(r.authors[0].followers == 12000);
  CHECK(r.authors[1].name == "乙");
}

namespace {

/// Parses `json` and runs f on the root element (the element dies with the parser).
template <class F>
void with_json(std::string_view json, F f) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  REQUIRE(parser.parse(json).get(root) == simdjson::SUCCESS);
  f(root);
}

}  // namespace

TEST_CASE("xiaohongshu images prefer the full-size URL", "[parsers][xiaohongshu]") {
  const auto [json, expected] = GENERATE(table<std::string, std::string>({
      {R"({"url_default":"http://a/dft","url_pre":"http://a/pre","info_list":[{"image_scene":"WB_DFT","url":"http://a/x"}]})",
       "http://a/dft"},
      {R"({"url_default":"","info_list":[{"image_scene":"WB_PRV","url":"http://a/prv"},{"image_scene":"WB_DFT","url":"http://a/dft"}]})",
       "http://a/dft"},
      {R"({"url":"","info_list":[{"image_scene":"CRD_PRV_WEBP","url":"http://a/prv"},{"image_scene":"CRD_WM_WEBP","url":"http://a/wm"}]})",
       "http://a/wm"},
      {R"({"url":"http://a/url","url_pre":"http://a/pre","info_list":[{"image_scene":"WB_PRV","url":"http://a/prv"}]})",
       "http://a/url"},
      {R"({"url_pre":"http://a/pre","info_list":[{"image_scene":"WB_PRV","url":"http://a/prv"}]})",
       "http://a/pre"},
      {R"({"info_list":[{"image_scene":"WB_PRV","url":"http://a/prv"}]})", "http://a/prv"},
      {R"({"url_default":"//sns-img-qc.xhscdn.com/x"})", "https://sns-img-qc.xhscdn.com/x"},
  }));
  INFO(json);
  with_json(json,
            [&](simdjson::dom::element image) { CHECK(image_url(image, kApiKeys) == expected); });
}

TEST_CASE("xiaohongshu images without an http URL give none", "[parsers][xiaohongshu]") {
  with_json(
      R"J({"url_default":"javascript:alert(1)","info_list":[{"url":"ftp://x"}],"url":"a b"})J",
      [](simdjson::dom::element image) { CHECK_FALSE(image_url(image, kApiKeys)); });
  with_json(R"([1,2])",
            [](simdjson::dom::element image) { CHECK_FALSE(image_url(image, kApiKeys)); });
}

TEST_CASE("xiaohongshu video URL is the original key, else the first h264 stream",
          "[parsers][xiaohongshu]") {
  with_json(R"({"consumer":{"origin_video_key":"pre_post/1040g2t0"},
                "media":{"stream":{"h264":[{"master_url":"http://v/1.mp4"}]}}})",
            [](simdjson::dom::element v) {
              CHECK(video_url(v, kApiKeys) == "http://sns-video-bd.xhscdn.com/pre_post/1040g2t0");
            });
  with_json(R"({"consumer":{"origin_video_key":""},
                "media":{"stream":{"h264":[{"master_url":""},{"master_url":"http://v/2.mp4"}]}}})",
            [](simdjson::dom::element v) { CHECK(video_url(v, kApiKeys) == "http://v/2.mp4"); });
  with_json(R"({"consumer":{"originVideoKey":"pre_post/x y"},
                "media":{"stream":{"h264":[{"masterUrl":"http://v/3.mp4"}]}}})",
            [](simdjson::dom::element v) { CHECK(video_url(v, kStateKeys) == "http://v/3.mp4"); });
  with_json(R"({"media":{"stream":{"h264":[],"h265":[{"master_url":"http://v/4.mp4"}]}}})",
            [](simdjson::dom::element v) { CHECK_FALSE(video_url(v, kApiKeys)); });
}
