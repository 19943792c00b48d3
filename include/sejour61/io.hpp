// sejour61/io.hpp — the channels: reading inputs within their limits, writing
// files safely, and making text safe for the place it is shown.
//
// Every input (a case file, standard input, a rule file) is read through
// read_bounded: the size limit is enforced while reading (a 1 GiB input is
// refused after 16 MiB, not after 1 GiB), only regular files or standard input
// are read (a FIFO or a device never blocks or streams forever), and a NUL
// byte is refused (a text file has none). Files are written through
// write_atomically (temporary file 0600 in the same directory, fsync, rename).
#pragma once

#include "sejour61/said.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sejour61 {

/// An input or output channel failed (not the content): a file cannot be read
/// or written, the disk is full, standard output is closed. `what()` names the
/// file and the system's reason.
class IoError : public SaidError {
public:
    using SaidError::SaidError;
};

/// The content is over a limit or is not text; `what()` says which, without
/// the content.
class InputLimit : public SaidError {
public:
    using SaidError::SaidError;
};

/// Reads `path` ("-" for standard input) whole, refusing more than `limit`
/// bytes as soon as they are read, anything but a regular file (or standard
/// input), and NUL bytes. `what` names the input in messages ("the case file").
/// Throws IoError (cannot open or read) or InputLimit.
std::string read_bounded(const std::string& path, std::size_t limit, const std::string& what);

/// Replaces `target` by `data` atomically: a temporary file created 0600 next
/// to it, written, fsync'ed and renamed over it; then the directory is
/// fsync'ed. With `refuse_symlink`, a `target` that is a symbolic link is
/// refused (IoError). Throws IoError; `target` is untouched on failure.
void write_atomically(const std::string& target, const std::string& data, bool refuse_symlink);

/// The same, for output written piece by piece (a batch of a million rows):
/// a temporary file (0600) beside `target`, renamed over it by commit();
/// removed when the writer is destroyed without commit. Throws IoError.
class AtomicWriter {
public:
    AtomicWriter(const std::string& target, bool refuse_symlink);
    ~AtomicWriter();
    AtomicWriter(const AtomicWriter&) = delete;
    AtomicWriter& operator=(const AtomicWriter&) = delete;
    void write(std::string_view data);
    void commit();
    /// Like commit(), but the target must not exist: it is created by a hard
    /// link (atomic, never replaces a file); IoError "it already exists" else.
    void commit_new();

private:
    std::string target_, tmp_;
    int fd_ = -1;
    bool done_ = false;
    [[noreturn]] void undo(const char* what, int err);
};

/// Throws IoError "`what` `path`: the system's reason for `err`" ("cannot read
/// x.json: No such file or directory"); `what` is said in the reader's language.
[[noreturn]] void throw_io_error(const char* what, const std::string& path, int err);

/// The file a case path names: the path itself, or the file a symbolic link
/// points to (a missing file is the path itself: its reader says it is
/// missing). Throws IoError for a link that leads nowhere.
std::string link_target(const std::string& path);

/// Creates `target` with `data` (0600), whole or not at all, and never over
/// an existing file or link (commit_new). Throws IoError.
void write_new_file(const std::string& target, const std::string& data);

/// `s` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string utf8_safe(std::string_view s);
/// The length of the well-formed UTF-8 sequence at s[i] (Unicode table 3-7), or 0.
std::size_t utf8_sequence(std::string_view s, std::size_t i);

/// `s` for a terminal or a text file: valid UTF-8, and every control character
/// (C0 other than none, DEL, C1) written as \n, \t, \e or \xNN so that no input
/// can start a new line or send an escape sequence.
std::string printable(std::string_view s);

/// The SHA-256 of `data`, as 64 lowercase hexadecimal digits (FIPS 180-4).
std::string sha256_hex(std::string_view data);

}  // namespace sejour61
