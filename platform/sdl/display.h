// Where frames go. Three renderers:
//  - OpenGL 3, on a machine with a real GPU;
//  - ours (platform/render/): rectangles, glyph copies and exact triangles into a pixel buffer,
//    redrawing and presenting only the 64x64 tiles that changed. Used when there is no GPU, when
//    OpenGL turns out to be Mesa's software rasteriser (llvmpipe, softpipe), with --software,
//    and headless (screenshots);
//  - SDL's software renderer, only when asked for (--renderer sdl), to compare against.
// SDL and GL types stay inside platform/.
#pragma once

#include <SDL.h>
#include <imgui.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "platform/render/rasterizer.h"

namespace motcua::platform {

class Display {
public:
    virtual ~Display() = default;
    virtual void new_frame() = 0;  // before ImGui::NewFrame
    virtual void present(ImDrawData* data, ImU32 clear) = 0;
    virtual int width() const = 0;
    virtual int height() const = 0;
    // The last presented frame as tightly packed RGBA rows.
    virtual bool read_pixels(std::vector<unsigned char>& rgba) = 0;
    virtual std::string renderer_name() const = 0;
    virtual SDL_Window* window() const { return nullptr; }
    // Forget what is on screen: the next frame is drawn whole (ours only; benchmarks use it).
    virtual void invalidate() {}
    // The window was uncovered: show the last frame again (ours presents only what changes).
    virtual void expose() {}
    // What our rasteriser did in the last frame (tiles drawn); null for the other renderers.
    virtual const render::FrameStats* render_stats() const { return nullptr; }
    // Frames presented so far (an idle screen must not add any).
    std::uint64_t frames_presented() const { return m_frames; }

protected:
    std::uint64_t m_frames = 0;
};

enum class RendererChoice {
    Auto,    // OpenGL 3 on a real GPU, else ours; headless: ours
    Ours,    // platform/render/
    Sdl,     // SDL's software renderer (for comparison)
    OpenGl,  // OpenGL 3 even when it is Mesa's software rasteriser (falls back to ours)
};

// "auto", "ours", "sdl" or "gl"; false for anything else.
bool parse_renderer_choice(const std::string& name, RendererChoice& choice);

struct DisplayOptions {
    int width = 1280;
    int height = 800;
    bool fullscreen = false;
    RendererChoice renderer = RendererChoice::Auto;
};

// Needs SDL_Init(SDL_INIT_VIDEO) first. Fails with a clear detail when there is no display.
core::Result<std::unique_ptr<Display>> open_window(const DisplayOptions& options);
// Renders into memory (ours, or SDL's software renderer when asked for); needs no video driver.
// OpenGL needs a window: asked for headless, ours is used.
core::Result<std::unique_ptr<Display>> open_headless(
    int width, int height, RendererChoice renderer = RendererChoice::Auto);

// Writes RGBA pixels as a PNG file.
core::Status write_png(const std::string& path, int width, int height,
                       const std::vector<unsigned char>& rgba);

}  // namespace motcua::platform
