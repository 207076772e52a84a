target_sources(koubei_parsers PRIVATE
  xiaohongshu/comment_mapper.cpp
  xiaohongshu/comments_api.cpp
  xiaohongshu/feed_api.cpp
  xiaohongshu/media.cpp
  xiaohongshu/note_html.cpp
  xiaohongshu/note_mapper.cpp
  xiaohongshu/parse.cpp
  xiaohongshu/record.cpp
  xiaohongshu/search_api.cpp
  xiaohongshu/signals.cpp
  xiaohongshu/user_api.cpp
)
