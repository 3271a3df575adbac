// Our own renderer for Dear ImGui's draw data into a 32-bit pixel buffer, for PCs with no GPU.
//
// A kiosk screen is almost only axis-aligned rectangles (fills, borders, QR modules) and text
// glyphs (a rectangle of the 8-bit font atlas copied with alpha). Those quads are recognised and
// drawn as plain rectangle loops; everything else (rounded corners, circles, anti-aliased fringes)
// goes through an exact triangle rasteriser (fixed-point edge functions, top-left rule, colour and
// UV interpolated at pixel centres, nearest texel, straight alpha blending). A fan of one-colour
// triangles that makes a convex polygon (ImGui's filled rounded rectangles and circles) is filled
// as that polygon, row by row from its edges: the same pixels, without setting up every sliver.
//
// Draw only what changed: the screen is cut into 64x64 tiles; every primitive is binned into the
// tiles its bounding box touches and hashed (vertices, colours, texture, clip rect) into each
// tile's hash. A tile whose hash equals last frame's keeps its pixels; only changed tiles are
// cleared and rasterised again, and only they are reported for presenting.
//
// Pixels are ImGui's IM_COL32 layout (R in the lowest byte): as bytes, RGBA.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <vector>

namespace motcua::platform::render {

struct PixelRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // [x0, x1) x [y0, y1)
    int width() const { return x1 - x0; }
    int height() const { return y1 - y0; }
};

struct FrameStats {
    int tiles = 0;          // tiles on screen
    int tiles_drawn = 0;    // tiles rasterised this frame (hash changed)
    int rectangles = 0;     // quads drawn as rectangles (fills and glyph copies)
    int triangles = 0;      // triangles through the general rasteriser
    int polygons = 0;       // one-colour convex fans (rounded rectangles, circles) filled as one
};

class Rasterizer {
public:
    static constexpr int TileSize = 64;

    Rasterizer(int width, int height);
    // A new screen size: every tile is drawn again.
    void resize(int width, int height);

    // The 8-bit alpha texture the draw data names by `id` (ImGui's font atlas). The pixels are
    // copied, so ImGui's copy may be freed afterwards. Texels sample as white with that alpha.
    void set_alpha_texture(ImTextureID id, const unsigned char* alpha, int width, int height);
    // Forget the last frame: the next render() redraws every tile.
    void invalidate();
    // Draws a frame cleared to `clear` (opaque). Returns the rectangles whose pixels changed
    // (whole tiles merged into horizontal runs), valid until the next call.
    const std::vector<PixelRect>& render(const ImDrawData* data, ImU32 clear);

    int width() const { return m_width; }
    int height() const { return m_height; }
    const std::uint32_t* pixels() const { return m_pixels.data(); }
    const FrameStats& stats() const { return m_stats; }

    // --- internals, public for the drawing helpers in rasterizer.cpp ---
    enum class Kind : std::uint8_t { Fill, Copy, Triangle, Polygon };
    struct Primitive {
        Kind kind;
        bool textured;           // samples the alpha texture (else texels are opaque white)
        PixelRect clip;          // the command's clip rect on screen, integer
        PixelRect bounds;        // pixels it may touch, inside clip
        const ImDrawVert* v[3];  // Fill/Copy: v[0] and v[1] are opposite corners
        std::uint64_t hash;
        std::uint32_t first = 0, count = 0;  // Polygon: its corners in m_polygon_vertices
    };

private:
    void collect(const ImDrawData* data);
    void draw_tile(int tile, std::uint32_t clear);

    int m_width = 0, m_height = 0;
    int m_tiles_x = 0, m_tiles_y = 0;
    std::vector<std::uint32_t> m_pixels;
    ImTextureID m_texture_id = nullptr;
    std::vector<unsigned char> m_texture;
    int m_texture_width = 0, m_texture_height = 0;

    std::vector<Primitive> m_primitives;
    std::vector<const ImDrawVert*> m_polygon_vertices;
    std::vector<std::vector<std::uint32_t>> m_tile_primitives;  // per tile: indices into m_primitives
    std::vector<std::uint64_t> m_tile_hash, m_last_tile_hash;
    std::vector<PixelRect> m_damage;
    FrameStats m_stats;
};

}  // namespace motcua::platform::render
