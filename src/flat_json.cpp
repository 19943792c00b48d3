#include "flat_json.hpp"

#include "sejour61/case.hpp"
#include "sejour61/io.hpp"

namespace sejour61::flat {

namespace {
constexpr std::size_t kMaxValues = 12 * Limits::max_events + 256;
}  // namespace

const Value& Value::operator[](std::size_t i) const { return doc->value(doc->item(first + static_cast<std::uint32_t>(i))); }

const Value* Value::find(std::string_view key) const {
    for (std::uint32_t i = 0; i < count; ++i) {
        const Member& m = doc->member(first + i);
        if (m.key == key) return &doc->value(m.value);
    }
    return nullptr;
}

void Document::skip_space() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
}

bool Document::read_word(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
}

// Well-formed UTF-8 (utf8_sequence), no control character,
// no escape: the view is then exactly the string's value.
bool Document::read_string(std::string_view& out) {
    const char* start = ++p_;  // after the opening quote
    while (p_ < end_) {
        const auto c = static_cast<unsigned char>(*p_);
        if (c == '"') {
            out = std::string_view(start, static_cast<std::size_t>(p_ - start));
            ++p_;
            return true;
        }
        if (c < 0x20 || c == '\\') return false;
        const std::size_t n = c < 0x80 ? 1 : utf8_sequence(std::string_view(p_, static_cast<std::size_t>(end_ - p_)), 0);
        if (n == 0) return false;
        p_ += n;
    }
    return false;
}

// An integer of at most 18 digits, no leading zero, no fraction or exponent.
bool Document::read_number(long long& out) {
    bool negative = false;
    if (*p_ == '-') {
        negative = true;
        ++p_;
    }
    const char* digits = p_;
    long long n = 0;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
        if (p_ - digits == 18) return false;  // the full road says what it is (found by fuzzing: no overflow here)
        n = n * 10 + (*p_++ - '0');
    }
    const auto len = p_ - digits;
    if (len == 0 || len > 18 || (len > 1 && *digits == '0')) return false;
    if (p_ < end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
    out = negative ? -n : n;
    return true;
}

bool Document::read_value(int depth, std::uint32_t& out) {
    skip_space();
    if (p_ >= end_) return false;
    Value v;
    v.doc = this;
    const char c = *p_;
    if (c == '{' || c == '[') {
        if (depth >= Limits::max_depth) return false;
        const bool object = c == '{';
        const std::size_t mark = object ? open_members_.size() : open_items_.size();
        ++p_;
        skip_space();
        const char close = object ? '}' : ']';
        if (p_ < end_ && *p_ == close) {
            ++p_;
        } else {
            for (;;) {
                if (object) {
                    skip_space();
                    Member m{};
                    if (p_ >= end_ || *p_ != '"' || !read_string(m.key)) return false;
                    for (std::size_t i = mark; i < open_members_.size(); ++i)
                        if (open_members_[i].key == m.key) return false;  // the full road names it
                    skip_space();
                    if (p_ >= end_ || *p_++ != ':') return false;
                    if (!read_value(depth + 1, m.value)) return false;
                    open_members_.push_back(m);
                } else {
                    std::uint32_t item;
                    if (!read_value(depth + 1, item)) return false;
                    open_items_.push_back(item);
                }
                skip_space();
                if (p_ >= end_) return false;
                if (*p_ == ',') {
                    ++p_;
                    continue;
                }
                if (*p_++ != close) return false;
                break;
            }
        }
        if (object) {
            v.type = Type::object;
            v.first = static_cast<std::uint32_t>(members_.size());
            v.count = static_cast<std::uint32_t>(open_members_.size() - mark);
            members_.insert(members_.end(), open_members_.begin() + static_cast<std::ptrdiff_t>(mark), open_members_.end());
            open_members_.resize(mark);
        } else {
            v.type = Type::array;
            v.first = static_cast<std::uint32_t>(items_.size());
            v.count = static_cast<std::uint32_t>(open_items_.size() - mark);
            items_.insert(items_.end(), open_items_.begin() + static_cast<std::ptrdiff_t>(mark), open_items_.end());
            open_items_.resize(mark);
        }
    } else if (c == '"') {
        v.type = Type::string;
        if (!read_string(v.text)) return false;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        v.type = Type::integer;
        if (!read_number(v.integer)) return false;
    } else if (read_word("true")) {
        v.type = Type::boolean;
        v.flag = true;
    } else if (read_word("false")) {
        v.type = Type::boolean;
    } else if (read_word("null")) {
        v.type = Type::null;
    } else {
        return false;
    }
    // A valid case has at most about nine values per event: a text with more
    // is left to the full road (which says what is wrong) before this one
    // grows (found by review: a 16 MiB array of zeros).
    if (values_.size() >= kMaxValues) return false;
    out = static_cast<std::uint32_t>(values_.size());
    values_.push_back(v);
    return true;
}

void Document::trim(std::size_t values) {
    if (values_.capacity() <= values && members_.capacity() <= values && items_.capacity() <= values) return;
    *this = Document();
}

bool Document::scan(std::string_view text) {
    values_.clear();
    members_.clear();
    items_.clear();
    open_members_.clear();
    open_items_.clear();
    if (text.size() > Limits::max_bytes) return false;
    p_ = text.data();
    end_ = p_ + text.size();
    if (!read_value(0, root_)) return false;
    skip_space();
    return p_ == end_;
}

}  // namespace sejour61::flat
