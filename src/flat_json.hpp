// src/flat_json.hpp — the fast road for case files: one pass over the text
// into a flat document (values in one vector, strings as views of the text;
// the vectors are kept and reused, so a warm thread allocates nothing).
//
// It accepts only the plainest strict JSON: no escape in strings, integers
// without fraction or exponent, at most Limits::max_depth levels, no
// duplicated key, valid UTF-8. Anything else makes scan() return false, and
// the caller takes the full road (parse_json_strict), which gives the error
// or reads what this one leaves out, so both roads always agree.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace sejour61::flat {

enum class Type : std::uint8_t { null, boolean, integer, string, array, object };

class Document;

struct Value {
    Type type = Type::null;
    bool flag = false;           // boolean
    long long integer = 0;       // integer
    std::string_view text;       // string (the bytes between the quotes)
    std::uint32_t first = 0;     // array: first item; object: first member
    std::uint32_t count = 0;     // items or members
    const Document* doc = nullptr;

    bool is_string() const { return type == Type::string; }
    bool is_boolean() const { return type == Type::boolean; }
    bool is_number_integer() const { return type == Type::integer; }
    bool is_array() const { return type == Type::array; }
    bool is_object() const { return type == Type::object; }
    std::size_t size() const { return count; }
    bool empty() const { return count == 0; }
    const Value& operator[](std::size_t i) const;  ///< an array's item
    const Value* find(std::string_view key) const;  ///< an object's member, nullptr when absent
};

struct Member {
    std::string_view key;
    std::uint32_t value;
};

class Document {
public:
    /// Reads `text` (which must outlive the document); false when the text is
    /// not in the plain subset above (then nothing about it is claimed).
    bool scan(std::string_view text);
    const Value& root() const { return values_[root_]; }
    /// Frees the vectors when they hold more than `values` values.
    void trim(std::size_t values);
    const Value& value(std::uint32_t i) const { return values_[i]; }
    const Member& member(std::uint32_t i) const { return members_[i]; }
    std::uint32_t item(std::uint32_t i) const { return items_[i]; }

private:
    std::vector<Value> values_;
    std::vector<Member> members_;
    std::vector<std::uint32_t> items_;
    std::vector<Member> open_members_;      // members of the objects being read
    std::vector<std::uint32_t> open_items_;  // items of the arrays being read
    std::uint32_t root_ = 0;
    const char* p_ = nullptr;
    const char* end_ = nullptr;

    bool read_value(int depth, std::uint32_t& out);
    bool read_string(std::string_view& out);
    bool read_number(long long& out);
    bool read_word(std::string_view word);
    void skip_space();
};

}  // namespace sejour61::flat
