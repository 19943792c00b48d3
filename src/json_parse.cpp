// The strict JSON reading of every input: case files, events, rule files,
// options. One pass, linear in the size; duplicated keys, nesting deeper than
// Limits::max_depth, numbers out of range and malformed text are CaseErrors
// naming the JSON path (never repeating what was read).
#include "sejour61/json_parse.hpp"

#include "sejour61/case.hpp"

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

namespace sejour61 {

using nlohmann::json;

const char* json_type_name(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "an integer";
        case json::value_t::number_float: return "a number";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        default: return "an invalid value";
    }
}

namespace {

// nlohmann's message, "[json.exception.parse_error.101] parse error at line
// L, column C: what; last read: '...'", without what was read (it may be
// personal data): only nlohmann's own words are kept, the position, the
// problem, and an "expected" list made of token names only.
std::string parse_error_words(const std::string& what) {
    std::string msg = what;
    auto at = msg.find("parse error ");
    if (at != std::string::npos) msg = msg.substr(at + 12);
    std::string expected;
    static const char* tokens[] = {"end of input", "'[', '{', or a literal", "value", "string literal",
                                   "number literal", "true literal", "false literal", "null literal",
                                   "'['", "'{'", "']'", "'}'", "':'", "','", "<parse error>", "unknown token"};
    for (const char* t : tokens) {
        std::string tail = std::string("; expected ") + t;
        if (msg.size() > tail.size() && msg.compare(msg.size() - tail.size(), tail.size(), tail) == 0) expected = tail;
    }
    auto last = msg.find("; last read: ");
    if (last != std::string::npos) msg = msg.substr(0, last) + expected;
    return msg;
}

// "malformed JSON at line 2, column 1: syntax error while parsing value -
// unexpected end of input; expected '[', '{', or a literal" with its parts as
// arguments, so that it can be said in another language (the tokens and the
// lexer's problems are entries of the catalogues' "errors" table too).
Said syntax_error(const std::string& words) {
    static const std::regex shape(R"(^at line (\d+), column (\d+): syntax error while parsing (.+?) - (.+)$)");
    static const std::regex unexpected(R"(^unexpected (.+?)(?:; expected (.+))?$)");
    std::smatch m, u;
    if (!std::regex_match(words, m, shape)) return say("malformed JSON {detail}", {{"detail", words}});
    std::vector<std::pair<std::string, std::string>> args = {{"line", m[1]}, {"column", m[2]}, {"context", m[3]}};
    const std::string problem = m[4];
    const std::string head = "malformed JSON at line {line}, column {column}: syntax error while parsing {context} - ";
    if (!std::regex_match(problem, u, unexpected)) {
        args.emplace_back("problem", problem);
        return say(head + "{problem}", std::move(args));
    }
    args.emplace_back("token", u[1]);
    if (!u[2].matched) return say(head + "unexpected {token}", std::move(args));
    args.emplace_back("expected", u[2]);
    return say(head + "unexpected {token}; expected {expected}", std::move(args));
}

// A SAX handler that builds the document in one pass (linear in its size:
// nlohmann's callback parser rescans the parent array after every object,
// which made a case of 10 000 events quadratic), and tracks where it is, so
// that duplicated keys, excessive nesting and numbers out of range are
// reported with their JSON path.
class StrictBuilder {
public:
    json root;

    bool null() { return value(json(nullptr)); }
    bool boolean(bool v) { return value(json(v)); }
    bool number_integer(json::number_integer_t v) { return value(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return value(json(v)); }
    bool number_float(json::number_float_t v, const std::string&) { return value(json(v)); }
    bool string(std::string& v) { return value(json(std::move(v))); }
    bool binary(json::binary_t&) { return false; }  // not in JSON text
    bool start_object(std::size_t) { return open(false, json::value_t::object); }
    bool start_array(std::size_t) { return open(true, json::value_t::array); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(std::string& k) {
        Frame& f = frames_.back();
        if (std::find(f.keys.begin(), f.keys.end(), k) != f.keys.end()) {
            f.key = k;
            throw CaseError(path(), "the key appears twice in one object");
        }
        f.keys.push_back(k);
        f.key = k;
        slot_ = &(*stack_.back())[k];
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
        // e.g. "1e500": nlohmann reports a number overflow (out_of_range, 406; found by fuzzing).
        if (e.id / 100 == 4) throw CaseError(path(), "a number is too large");
        throw CaseError("", syntax_error(parse_error_words(e.what())));
    }

private:
    struct Frame {
        bool array;
        size_t count = 0;               // elements seen (arrays)
        std::string key;                // current key (objects)
        std::vector<std::string> keys;  // keys seen (objects)
    };
    std::vector<Frame> frames_;
    std::vector<json*> stack_;  // the open arrays and objects
    json* slot_ = nullptr;      // where an object's next value goes

    std::string path() const {
        std::string p;
        for (const Frame& f : frames_) {
            if (f.array) {
                p += "[" + std::to_string(f.count ? f.count - 1 : 0) + "]";
            } else if (!f.key.empty() || !f.keys.empty()) {
                p += (p.empty() ? "" : ".") + f.key;
            }
        }
        return p;
    }
    json* place(json&& v) {
        if (stack_.empty()) {
            root = std::move(v);
            return &root;
        }
        json& parent = *stack_.back();
        if (parent.is_array()) {
            ++frames_.back().count;
            parent.push_back(std::move(v));
            return &parent.back();
        }
        *slot_ = std::move(v);
        return slot_;
    }
    bool value(json&& v) {
        place(std::move(v));
        return true;
    }
    bool open(bool array, json::value_t type) {
        if (frames_.size() >= static_cast<size_t>(Limits::max_depth)) {
            if (!frames_.empty() && frames_.back().array) ++frames_.back().count;  // the path names this element
            throw CaseError(path(), say("nesting deeper than {n} levels (limit)", {{"n", std::to_string(Limits::max_depth)}}));
        }
        json* v = place(json(type));
        stack_.push_back(v);
        frames_.push_back(Frame{array, 0, {}, {}});
        return true;
    }
    bool close() {
        stack_.pop_back();
        frames_.pop_back();
        return true;
    }
};

}  // namespace

json parse_json_strict(const std::string& text) {
    if (text.size() > Limits::max_bytes)
        throw CaseError("", say("the input is larger than {n} MiB (limit)",
                                {{"n", std::to_string(Limits::max_bytes / (1024 * 1024))}}));
    StrictBuilder b;
    json::sax_parse(text, &b);
    return std::move(b.root);
}

}  // namespace sejour61
