# dianping unit tests beyond the golden fixtures (owned by dianping parser work).
target_sources(parsers_tests PRIVATE
  dianping_fields_test.cpp
  dianping_glyph_test.cpp
  dianping_page_test.cpp
  dianping_verdict_test.cpp
)
