#pragma once
// A directory under $TMPDIR (or /tmp) that exists for the lifetime of the object and is removed,
// with everything in it, by the destructor. Tests use it instead of fixed paths so that parallel
// CTest runs never collide.

#include <filesystem>
#include <string>

namespace koubei::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// Writes bytes to a file, creating parent directories.
void write_file(const std::filesystem::path& path, const std::string& bytes);

/// Reads a whole file; empty when it does not exist.
std::string read_file(const std::filesystem::path& path);

/// Path of a fixture under tests/fixtures.
std::filesystem::path fixture_path(const std::string& relative);

}  // namespace koubei::test
