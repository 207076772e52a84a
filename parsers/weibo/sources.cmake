target_sources(koubei_parsers PRIVATE
  weibo/cards.cpp
  weibo/comment.cpp
  weibo/comments_api.cpp
  weibo/detail_html.cpp
  weibo/mblog.cpp
  weibo/mblog_media.cpp
  weibo/page_builder.cpp
  weibo/parse.cpp
  weibo/record_fields.cpp
  weibo/search_api.cpp
  weibo/search_html.cpp
  weibo/search_html_card.cpp
  weibo/signals.cpp
  weibo/timeline_api.cpp
  weibo/user.cpp
)
