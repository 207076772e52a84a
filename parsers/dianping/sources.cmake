target_sources(koubei_parsers PRIVATE
  dianping/glyphs.cpp
  dianping/page_cut.cpp
  dianping/page_verdict.cpp
  dianping/parse.cpp
  dianping/review_fields.cpp
  dianping/review_item.cpp
  dianping/reviews_html.cpp
)
