#include "sejour61/io.hpp"

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

namespace sejour61 {

namespace fs = std::filesystem;

void throw_io_error(const char* what, const std::string& path, int err) {
    throw IoError(say("{what} {file}: {why}", {{"what", what}, {"file", path}, {"why", std::strerror(err)}}));
}

namespace {

[[noreturn]] void io_fail(const char* what, const std::string& path, int err) { throw_io_error(what, path, err); }

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

std::string mib(std::size_t n) {
    return n % (1024 * 1024) == 0 ? std::to_string(n / (1024 * 1024)) + " MiB" : std::to_string(n) + " bytes";
}

}  // namespace

std::string read_bounded(const std::string& path, std::size_t limit, const std::string& what) {
    Fd f;
    std::string name = path == "-" ? std::string("standard input") : path;
    if (path == "-") {
        f.fd = ::dup(STDIN_FILENO);
        if (f.fd < 0) io_fail("cannot read", name, errno);
    } else {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        f.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (f.fd < 0) io_fail("cannot read", name, errno);
        struct stat st {};
        if (::fstat(f.fd, &st) != 0) io_fail("cannot read", name, errno);
        if (S_ISDIR(st.st_mode)) throw IoError(say("cannot read {file}: it is a directory", {{"file", name}}));
        if (!S_ISREG(st.st_mode)) throw IoError(say("cannot read {file}: not a regular file", {{"file", name}}));
        int flags = ::fcntl(f.fd, F_GETFL);
        if (flags >= 0) ::fcntl(f.fd, F_SETFL, flags & ~O_NONBLOCK);
    }
    std::string s;
    std::array<char, 65536> buf;  // not zeroed: read() fills what is used
    for (;;) {
        ssize_t n = ::read(f.fd, buf.data(), buf.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            io_fail("cannot read", name, errno);
        }
        if (n == 0) break;
        if (s.size() + static_cast<std::size_t>(n) > limit)
            throw InputLimit(say("{what} is larger than {size} (limit)", {{"what", what}, {"size", mib(limit)}}));
        s.append(buf.data(), static_cast<std::size_t>(n));
    }
    if (auto nul = s.find('\0'); nul != std::string::npos)
        throw InputLimit(say("{what} contains a NUL byte (at byte {n}): it is not a text file",
                             {{"what", what}, {"n", std::to_string(nul)}}));
    return s;
}

namespace {

// The directory entry made durable too (rename and link change the directory).
void sync_directory_of(const std::string& target) {
    fs::path t(target);
    Fd d;
    std::string dir = t.parent_path().empty() ? std::string(".") : t.parent_path().string();
    d.fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d.fd >= 0) ::fsync(d.fd);
}

}  // namespace

AtomicWriter::AtomicWriter(const std::string& target, bool refuse_symlink) : target_(target) {
    struct stat st {};
    if (refuse_symlink && ::lstat(target.c_str(), &st) == 0 && S_ISLNK(st.st_mode))
        throw IoError(say("will not write {file}: it is a symbolic link (give the file it points to)", {{"file", target}}));
    fs::path t(target);
    std::string tmpl = (t.parent_path() / ("." + t.filename().string() + ".tmp.XXXXXX")).string();
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    fd_ = ::mkstemp(name.data());  // mode 0600
    if (fd_ < 0) io_fail("cannot create a temporary file for", target, errno);
    tmp_ = name.data();
}

AtomicWriter::~AtomicWriter() {
    if (done_) return;
    if (fd_ >= 0) ::close(fd_);
    ::unlink(tmp_.c_str());
}

void AtomicWriter::undo(const char* what, int err) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    ::unlink(tmp_.c_str());
    done_ = true;
    io_fail(what, target_, err);
}

void AtomicWriter::write(std::string_view data) {
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            undo("cannot write", errno);
        }
        done += static_cast<std::size_t>(n);
    }
}

void AtomicWriter::commit() {
    if (::fsync(fd_) != 0) undo("cannot sync", errno);
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) undo("cannot write", errno);
    if (::rename(tmp_.c_str(), target_.c_str()) != 0) undo("cannot replace", errno);
    done_ = true;
    sync_directory_of(target_);
}

void AtomicWriter::commit_new() {
    if (::fsync(fd_) != 0) undo("cannot sync", errno);
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) undo("cannot write", errno);
    // link() fails with EEXIST when the target exists, even as a dangling link:
    // a case file is never replaced by a new one.
    if (::link(tmp_.c_str(), target_.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp_.c_str());
        done_ = true;
        if (err == EEXIST) throw IoError(say("will not write {file}: it already exists", {{"file", target_}}));
        io_fail("cannot create", target_, err);
    }
    ::unlink(tmp_.c_str());
    done_ = true;
    sync_directory_of(target_);
}

std::string link_target(const std::string& path) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(path, ec))) return path;
    const fs::path t = fs::canonical(path, ec);
    if (ec) throw IoError(say("{file}: cannot be read: the symbolic link leads nowhere", {{"file", path}}));
    return t.string();
}

void write_new_file(const std::string& target, const std::string& data) {
    AtomicWriter w(target, true);
    w.write(data);
    w.commit_new();
}

void write_atomically(const std::string& target, const std::string& data, bool refuse_symlink) {
    AtomicWriter w(target, refuse_symlink);
    w.write(data);
    w.commit();
}

std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    if (c < 0x80) return 1;
    std::size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((b(i + k) & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(i + 1) > 0x9F) return 0;   // surrogates
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(i + 1) > 0x8F) return 0;   // above U+10FFFF
    return n;
}


std::string utf8_safe(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = utf8_sequence(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::string printable(std::string_view s) {
    std::string safe = utf8_safe(s);
    std::string out;
    out.reserve(safe.size());
    static const char* hex = "0123456789abcdef";
    for (std::size_t i = 0; i < safe.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(safe[i]);
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\r') out += "\\r";
        else if (c == 0x1B) out += "\\e";
        else if (c < 0x20 || c == 0x7F) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else if (c == 0xC2 && i + 1 < safe.size() && static_cast<unsigned char>(safe[i + 1]) < 0xA0) {
            unsigned char d = static_cast<unsigned char>(safe[++i]);  // C1 control U+0080..U+009F
            out += "\\u00";
            out += hex[d >> 4];
            out += hex[d & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string sha256_hex(std::string_view data) {
    static const uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    auto rotr = [](uint32_t x, int n) { return (x >> n) | (x << (32 - n)); };
    // The message, padded: 0x80, zeros, and the length in bits (big-endian), to a multiple of 64 bytes.
    std::string m(data);
    uint64_t bits = static_cast<uint64_t>(data.size()) * 8;
    m += static_cast<char>(0x80);
    while (m.size() % 64 != 56) m += '\0';
    for (int i = 7; i >= 0; --i) m += static_cast<char>((bits >> (8 * i)) & 0xFF);
    for (std::size_t off = 0; off < m.size(); off += 64) {
        uint32_t w[64];
        for (int i = 0; i < 16; ++i) {
            const auto* p = reinterpret_cast<const unsigned char*>(m.data() + off + 4 * i);
            w[i] = (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
        }
        for (int i = 16; i < 64; ++i) {
            uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; ++i) {
            uint32_t S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
            uint32_t ch = (e & f) ^ (~e & g);
            uint32_t t1 = hh + S1 + ch + k[i] + w[i];
            uint32_t S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
            uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
            uint32_t t2 = S0 + maj;
            hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (uint32_t v : h)
        for (int i = 28; i >= 0; i -= 4) out += hex[(v >> i) & 15];
    return out;
}

}  // namespace sejour61
