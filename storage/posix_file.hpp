#pragma once
// Small POSIX file helpers shared by the on-disk writers (JSONL sink, spool): whole writes and
// reads across EINTR and short transfers, and the fsyncs that make data and names durable.
// Each returns 0 or an errno value; callers turn that into a storage::Errc with their context.
// Thread safety: stateless.

#include <string>
#include <string_view>

#include <sys/types.h>

namespace koubei::storage::detail {

/// write(2) until everything is written.
int write_all(int fd, std::string_view data);

/// pread(2) exactly size bytes at offset; EIO when the file ends first.
int pread_all(int fd, char* out, std::size_t size, off_t offset);

/// fdatasync(2) across EINTR.
int fdatasync_file(int fd);

/// fsync of a directory, so that names created or removed in it are durable.
int fsync_dir(const std::string& dir);

}  // namespace koubei::storage::detail
