// sejour61/id.hpp — a name the engine hands out by the thousand: a rule id, a
// closure reason, a message id.
//
// An Id is a view of characters that live as long as the program: a string
// literal, or a string interned once (Id::intern, e.g. when a rule directory is
// loaded). Copying one copies a pointer and a length; a replay that tags every
// warning and period with its rule allocates nothing for it (issue 10). It
// compares by content with another Id, a std::string, a std::string_view or a
// C string, and converts to std::string where a caller wants one.
#pragma once

#include <cstddef>
#include <cstring>
#include <iosfwd>
#include <string>
#include <string_view>

namespace sejour61 {

class Id {
public:
    constexpr Id() noexcept = default;
    /// A string literal.
    template <std::size_t N>
    constexpr Id(const char (&literal)[N]) noexcept : p_(literal), n_(N - 1) {}  // NOLINT: implicit by design
    /// A C string of static storage duration (a literal returned by a function).
    static Id literal(const char* s) noexcept { return Id(s, std::strlen(s)); }
    /// The interned copy of `s`: the same Id for the same text, kept for the
    /// life of the process. Thread-safe; meant for load time, not for loops.
    static Id intern(std::string_view s);

    const char* c_str() const noexcept { return p_; }
    const char* data() const noexcept { return p_; }
    std::size_t size() const noexcept { return n_; }
    bool empty() const noexcept { return n_ == 0; }
    std::string_view view() const noexcept { return {p_, n_}; }
    std::string str() const { return std::string(p_, n_); }
    operator std::string() const { return str(); }               // NOLINT: implicit by design
    operator std::string_view() const noexcept { return view(); }  // NOLINT: implicit by design

    friend bool operator==(Id a, Id b) noexcept { return a.p_ == b.p_ ? a.n_ == b.n_ : a.view() == b.view(); }
    friend bool operator==(Id a, const char* b) noexcept { return a.view() == b; }
    friend bool operator==(Id a, const std::string& b) noexcept { return a.view() == b; }
    friend bool operator==(Id a, std::string_view b) noexcept { return a.view() == b; }
    friend bool operator==(const char* a, Id b) noexcept { return b == a; }
    friend bool operator==(const std::string& a, Id b) noexcept { return b == a; }
    friend bool operator==(std::string_view a, Id b) noexcept { return b == a; }
    template <class T>
    friend bool operator!=(Id a, const T& b) noexcept { return !(a == b); }
    friend bool operator!=(const char* a, Id b) noexcept { return !(b == a); }
    friend bool operator!=(const std::string& a, Id b) noexcept { return !(b == a); }
    friend bool operator<(Id a, Id b) noexcept { return a.view() < b.view(); }

private:
    constexpr Id(const char* p, std::size_t n) noexcept : p_(p), n_(n) {}
    const char* p_ = "";
    std::size_t n_ = 0;
};

std::ostream& operator<<(std::ostream& os, Id id);
inline std::string operator+(const std::string& a, Id b) { return a + std::string(b.view()); }
inline std::string operator+(const char* a, Id b) { return std::string(a) + std::string(b.view()); }

/// For nlohmann/json (found by argument-dependent lookup): an Id is a string.
template <class Json>
void to_json(Json& j, Id id) {
    j = std::string(id.view());
}

}  // namespace sejour61
