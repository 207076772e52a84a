# weibo unit tests beyond the golden fixtures (owned by weibo parser work).
target_sources(parsers_tests PRIVATE
  weibo_listing_test.cpp
  weibo_pages_test.cpp
  weibo_signals_test.cpp
)
