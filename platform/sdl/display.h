// Where frames go: a window (OpenGL 3 when the machine has it, else SDL's software renderer)
// or, headless, an off-screen surface drawn by the software renderer. SDL and GL types stay
// inside platform/.
#pragma once

#include <SDL.h>
#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace motcua::platform {

class Display {
public:
    virtual ~Display() = default;
    virtual void new_frame() = 0;                     // before ImGui::NewFrame
    virtual void present(ImDrawData* data, ImU32 clear) = 0;
    virtual int width() const = 0;
    virtual int height() const = 0;
    // The last presented frame as tightly packed RGBA rows.
    virtual bool read_pixels(std::vector<unsigned char>& rgba) = 0;
    virtual std::string renderer_name() const = 0;
    virtual SDL_Window* window() const { return nullptr; }
};

struct DisplayOptions {
    int width = 1280;
    int height = 800;
    bool fullscreen = false;
    bool allow_opengl = true;
};

// Needs SDL_Init(SDL_INIT_VIDEO) first. Fails with a clear detail when there is no display.
core::Result<std::unique_ptr<Display>> open_window(const DisplayOptions& options);
// Renders into memory with SDL's software renderer; needs no video driver.
core::Result<std::unique_ptr<Display>> open_headless(int width, int height);

// Writes RGBA pixels as a PNG file.
core::Status write_png(const std::string& path, int width, int height, const std::vector<unsigned char>& rgba);

}  // namespace motcua::platform
