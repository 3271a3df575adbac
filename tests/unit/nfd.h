// Decomposed (NFD) text for tests: the form macOS and some web sources send Vietnamese in.
#pragma once

#include <utf8proc.h>

#include <cstdlib>
#include <string>

namespace motcua::test {

inline std::string nfd(const std::string& text) {
    utf8proc_uint8_t* out = utf8proc_NFD(reinterpret_cast<const utf8proc_uint8_t*>(text.c_str()));
    std::string result(reinterpret_cast<const char*>(out));
    std::free(out);
    return result;
}

}  // namespace motcua::test
