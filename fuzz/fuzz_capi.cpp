// libFuzzer target: the C API entry points with arbitrary strings. The first
// byte chooses the function and the split between the case, the date and the
// options; every returned string must be a JSON document.
#include "sejour61/sejour61.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static s61_rules* rules = [] {
        s61_rules* r = nullptr;
        if (s61_rules_open(SEJOUR61_FUZZ_RULES_DIR, &r, nullptr) != S61_OK) __builtin_trap();
        return r;
    }();
    if (size == 0) return 0;
    uint8_t sel = data[0];
    std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    // Fields separated by \x01: case, date, options.
    std::string parts[3];
    size_t k = 0;
    for (char ch : rest) {
        if (ch == '\x01' && k < 2) {
            ++k;
        } else {
            parts[k] += ch;
        }
    }
    const char* on = (sel & 0x10) ? nullptr : parts[1].c_str();
    const char* opt = (sel & 0x20) ? parts[2].c_str() : nullptr;
    const char* cas = (sel & 0x40) ? nullptr : parts[0].c_str();
    char* out = nullptr;
    int rc;
    switch (sel & 0x3) {
        case 0: rc = s61_status(rules, cas, on, opt, &out); break;
        case 1: rc = s61_timeline(rules, cas, on, opt, &out); break;
        case 2: rc = s61_explain(rules, cas, on, opt, &out); break;
        default: rc = s61_validate(cas, &out); break;
    }
    // The documented codes for this input: anything else (S61_ERULES with the
    // bundled rules, S61_EINTERNAL, an unknown code) is a defect.
    if (rc != S61_OK && rc != S61_EINPUT && rc != S61_ENOMEM) __builtin_trap();
    if (out) {
        nlohmann::json doc = nlohmann::json::parse(out);  // throws (and crashes the fuzzer) if not JSON
        if (rc != S61_OK && doc["format"] != "sejour61.error/1") __builtin_trap();
        if (rc == S61_EINPUT && doc["code"] != "input" && doc["code"] != "usage") __builtin_trap();  // errors.hpp
        if (rc == S61_OK && doc.value("rules", "").rfind("sha256:", 0) != 0 && (sel & 0x3) != 3) __builtin_trap();
    } else if (rc != S61_ENOMEM) {
        __builtin_trap();
    }
    s61_free(out);
    return 0;
}
