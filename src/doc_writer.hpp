// src/doc_writer.hpp — one description of each output document, two ways
// to produce it. A view writes its document once, as a template over the
// writer: TextWriter gives the JSON text directly (what the CLI, the C API
// and the goldens see: byte for byte nlohmann's dump(2) of the same
// document, without building it), DomWriter builds the nlohmann document
// for those who want a DOM (Python dicts, compare, report).
#pragma once

#include "sejour61/calendar.hpp"
#include "sejour61/id.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sejour61 {

/// `s` as a JSON string literal, as nlohmann's dump writes it (ensure_ascii
/// off; invalid UTF-8 replaced by U+FFFD), appended to `out`.
void append_json_string(std::string& out, std::string_view s);

// The convenience calls both writers share (CRTP over begin/end/key/scalars).
template <class W>
class DocOut {
public:
    W& field(std::string_view k, std::string_view v) { return key(k).string(v); }
    W& field(std::string_view k, const char* v) { return key(k).string(v); }
    W& field(std::string_view k, const std::string& v) { return key(k).string(v); }
    W& field(std::string_view k, Id v) { return key(k).string(v.view()); }
    W& field(std::string_view k, bool v) { return key(k).boolean(v); }
    W& field(std::string_view k, int v) { return key(k).integer(v); }
    W& field(std::string_view k, long v) { return key(k).integer(v); }
    W& field(std::string_view k, long long v) { return key(k).integer(v); }
    W& field(std::string_view k, unsigned long v) { return key(k).integer(static_cast<long long>(v)); }
    W& field(std::string_view k, std::nullptr_t) { return key(k).null(); }
    W& field(std::string_view k, const Date& d) { return key(k).string(format_date(d)); }
    W& field(std::string_view k, const std::optional<Date>& d) { return d ? field(k, *d) : field(k, nullptr); }
    W& field(std::string_view k, const std::optional<std::string>& s) { return s ? field(k, *s) : field(k, nullptr); }
    W& field(std::string_view k, const std::optional<Id>& s) { return s ? field(k, *s) : field(k, nullptr); }
    W& field(std::string_view k, const std::vector<std::string>& list) {
        key(k).begin_array();
        for (const auto& s : list) self().string(s);
        return self().end_array();
    }
    W& key(std::string_view k) { return self().write_key(k); }

private:
    W& self() { return static_cast<W&>(*this); }
};

/// JSON text, indented by 2 like nlohmann's dump(2) (invalid UTF-8 replaced).
class TextWriter : public DocOut<TextWriter> {
public:
    TextWriter() { out_.reserve(2048); }
    TextWriter& begin_object() { return open('{', false); }
    TextWriter& end_object() { return close('}'); }
    TextWriter& begin_array() { return open('[', true); }
    TextWriter& end_array() { return close(']'); }
    TextWriter& string(std::string_view s);
    TextWriter& integer(long long n);
    TextWriter& boolean(bool b);
    TextWriter& null();
    TextWriter& write_key(std::string_view k);
    /// The text (the writer is empty afterwards).
    std::string take() { return std::move(out_); }

private:
    struct Level {
        bool array;
        int count;
    };
    std::string out_;
    std::vector<Level> levels_;
    bool after_key_ = false;

    void next_value();  // the separator and indentation before a value
    void indent(size_t depth) { out_.append(2 * depth, ' '); }
    void escaped(std::string_view s);
    TextWriter& open(char c, bool array);
    TextWriter& close(char c);
};

/// The same document as an nlohmann::ordered_json.
class DomWriter : public DocOut<DomWriter> {
public:
    DomWriter() = default;
    /// Adds to an object already built.
    explicit DomWriter(nlohmann::ordered_json& into) : open_{&into} {}
    DomWriter& begin_object() { return open(nlohmann::ordered_json::object()); }
    DomWriter& end_object() { return close(); }
    DomWriter& begin_array() { return open(nlohmann::ordered_json::array()); }
    DomWriter& end_array() { return close(); }
    DomWriter& string(std::string_view s) { return put(std::string(s)); }
    DomWriter& integer(long long n) { return put(n); }
    DomWriter& boolean(bool b) { return put(b); }
    DomWriter& null() { return put(nullptr); }
    DomWriter& write_key(std::string_view k) {
        key_ = std::string(k);
        return *this;
    }
    nlohmann::ordered_json take() { return std::move(root_); }

private:
    nlohmann::ordered_json root_;
    std::vector<nlohmann::ordered_json*> open_;
    std::string key_;

    nlohmann::ordered_json* place(nlohmann::ordered_json v);
    DomWriter& put(nlohmann::ordered_json v) {
        place(std::move(v));
        return *this;
    }
    DomWriter& open(nlohmann::ordered_json v) {
        open_.push_back(place(std::move(v)));
        return *this;
    }
    DomWriter& close() {
        open_.pop_back();
        return *this;
    }
};

}  // namespace sejour61
