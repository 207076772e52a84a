#include "parsers/json/fields.hpp"

#include <catch2/catch.hpp>

#include "parsers/json/document.hpp"

using namespace koubei::parsers;
using Status = koubei::normalize::CountValue::Status;

TEST_CASE("json field helpers read what platforms send, tolerant of types", "[parsers][json]") {
  json::JsonParser parser;
  simdjson::dom::element doc;
  const std::string text = R"({"id":5012345678901234,"sid":"abc","empty":"","nul":null,
    "n":"74","neg":-3,"f":1.5,"b":true,"b1":1,"c":"1.9万","ci":120,"cap":"100万+",
    "data":{"cardlistInfo":{"since_id":4900000000000000}},"arr":[1,2]})";
  REQUIRE(parser.parse(text, false, doc) == simdjson::SUCCESS);
  CHECK(json::get_id(doc, "id") == "5012345678901234");
  CHECK(json::get_id(doc, "sid") == "abc");
  CHECK_FALSE(json::get_id(doc, "empty").has_value());
  CHECK_FALSE(json::get_id(doc, "f").has_value());
  CHECK_FALSE(json::get(doc, "nul").has_value());
  CHECK(json::get_int(doc, "n") == 74);
  CHECK(json::get_int(doc, "neg") == -3);
  CHECK_FALSE(json::get_int(doc, "sid").has_value());
  CHECK(json::get_bool(doc, "b") == true);
  CHECK(json::get_bool(doc, "b1") == true);
  CHECK_FALSE(json::get_bool(doc, "n").has_value());
  CHECK(json::get_count(doc, "c").value == 19000);
  CHECK(json::get_count(doc, "ci").value == 120);
  CHECK(json::get_count(doc, "cap").capped);
  CHECK(json::get_count(doc, "absent").status == Status::kEmpty);
  CHECK(json::get_count(doc, "neg").status == Status::kInvalid);
  CHECK(json::get_count(doc, "b").status == Status::kInvalid);
  CHECK(json::get_id(*json::at_path(doc, "data.cardlistInfo"), "since_id") == "4900000000000000");
  CHECK_FALSE(json::at_path(doc, "data.nope.x").has_value());
  CHECK(json::get_array(doc, "arr")->size() == 2);
  CHECK_FALSE(json::get_array(doc, "data").has_value());
  CHECK(json::get_text(doc, "sid") == "abc");
  CHECK_FALSE(json::get_text(doc, "empty").has_value());
  // Not an object: every accessor says nullopt instead of failing.
  simdjson::dom::element arr = *json::get(doc, "arr");
  CHECK_FALSE(json::get(arr, "id").has_value());
}

#include "parsers/url_query.hpp"

TEST_CASE("query parameters and path segments are read back from request URLs",
          "[parsers][url]") {
  const std::string url =
      "https://m.weibo.cn/api/container/getIndex?containerid=100103type%3D1%26q%3D%E5%8D%8E%E4%B8%BA"
      "&page_type=searchall&page=3#frag";
  CHECK(query_param(url, "page") == "3");
  CHECK(query_param(url, "containerid") == "100103type=1&q=华为");
  CHECK_FALSE(query_param(url, "pag").has_value());
  CHECK(query_param("https://x/y?flag&a=1", "flag") == "");
  CHECK_FALSE(query_param("https://x/y", "a").has_value());
  CHECK(last_path_segment("https://www.douyin.com/video/7301234567890123456?previous_page=x") ==
        "7301234567890123456");
  CHECK(last_path_segment("http://www.dianping.com/shop/H1x2/review_all/p2/") == "p2");
  CHECK(last_path_segment("https://host") == "");
}
