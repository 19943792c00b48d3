#include "doc_writer.hpp"

#include "sejour61/io.hpp"

namespace sejour61 {


void TextWriter::next_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (levels_.empty()) return;
    Level& l = levels_.back();
    out_ += l.count++ ? ",\n" : "\n";
    indent(levels_.size());
}

TextWriter& TextWriter::write_key(std::string_view k) {
    Level& l = levels_.back();
    out_ += l.count++ ? ",\n" : "\n";
    indent(levels_.size());
    escaped(k);
    out_ += ": ";
    after_key_ = true;
    return *this;
}

TextWriter& TextWriter::open(char c, bool array) {
    next_value();
    out_ += c;
    levels_.push_back(Level{array, 0});
    return *this;
}

TextWriter& TextWriter::close(char c) {
    const bool empty = levels_.back().count == 0;
    levels_.pop_back();
    if (!empty) {
        out_ += '\n';
        indent(levels_.size());
    }
    out_ += c;
    return *this;
}

TextWriter& TextWriter::string(std::string_view s) {
    next_value();
    escaped(s);
    return *this;
}

TextWriter& TextWriter::integer(long long n) {
    next_value();
    out_ += std::to_string(n);
    return *this;
}

TextWriter& TextWriter::boolean(bool b) {
    next_value();
    out_ += b ? "true" : "false";
    return *this;
}

TextWriter& TextWriter::null() {
    next_value();
    out_ += "null";
    return *this;
}

// As nlohmann's dump with ensure_ascii off: the short escapes, \u00xx for the
// other control characters, everything else as it is (copied in runs).
void TextWriter::escaped(std::string_view s) { append_json_string(out_, s); }

void append_json_string(std::string& out_, std::string_view s) {
    static const char* hex = "0123456789abcdef";
    const size_t mark = out_.size();
    out_ += '"';
    size_t run = 0;  // the first byte not yet copied
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            const size_t n = utf8_sequence(s, i);
            if (n == 0) {  // never from a parsed case; nlohmann's own replacement, to stay byte-identical
                out_.resize(mark);
                out_ += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
                return;
            }
            i += n;
            continue;
        }
        out_.append(s.data() + run, i - run);
        switch (c) {
            case '"': out_ += "\\\""; break;
            case '\\': out_ += "\\\\"; break;
            case '\b': out_ += "\\b"; break;
            case '\f': out_ += "\\f"; break;
            case '\n': out_ += "\\n"; break;
            case '\r': out_ += "\\r"; break;
            case '\t': out_ += "\\t"; break;
            default:
                out_ += "\\u00";
                out_ += hex[c >> 4];
                out_ += hex[c & 15];
        }
        run = ++i;
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
}

nlohmann::ordered_json* DomWriter::place(nlohmann::ordered_json v) {
    if (open_.empty()) {
        root_ = std::move(v);
        return &root_;
    }
    nlohmann::ordered_json& parent = *open_.back();
    if (parent.is_array()) {
        parent.push_back(std::move(v));
        return &parent.back();
    }
    nlohmann::ordered_json& slot = parent[key_];
    slot = std::move(v);
    return &slot;
}

}  // namespace sejour61
