# xiaohongshu unit tests beyond the golden fixtures (owned by xiaohongshu parser work).
target_sources(parsers_tests PRIVATE
  xiaohongshu_pages_test.cpp
  xiaohongshu_record_test.cpp
  xiaohongshu_signals_test.cpp
)
