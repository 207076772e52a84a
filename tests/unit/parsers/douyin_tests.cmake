# douyin unit tests beyond the golden fixtures (owned by douyin parser work).
target_sources(parsers_tests PRIVATE
  douyin_aweme_test.cpp
  douyin_comments_api_test.cpp
  douyin_envelope_test.cpp
  douyin_pages_test.cpp
  douyin_search_api_test.cpp
)
