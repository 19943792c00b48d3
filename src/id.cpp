#include "sejour61/id.hpp"

#include <mutex>
#include <ostream>
#include <unordered_set>

namespace sejour61 {

Id Id::intern(std::string_view s) {
    // Nodes of an unordered_set never move, so the characters stay where
    // they are for the life of the process.
    static std::mutex lock;
    static std::unordered_set<std::string>* pool = new std::unordered_set<std::string>();  // never destroyed
    std::lock_guard<std::mutex> hold(lock);
    const std::string& kept = *pool->emplace(s).first;
    return Id(kept.c_str(), kept.size());
}

std::ostream& operator<<(std::ostream& os, Id id) { return os << id.view(); }

}  // namespace sejour61
