// Desk organizer kit: the example project of parascad.
// Render every part with `parascad render` in this folder (see render_config.yml for the
// config-file way of choosing parts and formats).
include <dimensions.scad>

//render.quality 96

// Opened directly in OpenSCAD, the file shows the whole kit; parascad sets batch_rendering
// so that none of this is rendered with each part.
if (is_undef(batch_rendering)) {
  tray();
  translate([0, 120, 0]) pen_cup();
  translate([60, 120, 0]) card_holder();
  translate([120, 120, 0]) phone_stand();
  translate([0, -60, 0]) coaster();
  translate([60, -60, 0]) cable_clip();
  translate([120, -60, 0]) knob();
}

module tray() //render.model.stl //render.model.3mf
{
  pocket = [(tray_size.x - wall) / pocket_grid.x - wall, (tray_size.y - wall) / pocket_grid.y - wall];
  difference() {
    rounded_box(tray_size);
    for (i = [0 : pocket_grid.x - 1], j = [0 : pocket_grid.y - 1])
      translate([wall + i * (pocket.x + wall) + 2, wall + j * (pocket.y + wall) + 2, floor_thickness + 2])
        // Rounded pocket floors, so coins and clips slide out.
        minkowski() {
          cube([pocket.x - 4, pocket.y - 4, tray_size.z]);
          sphere(r = 2, $fn = 24);
        }
  }
}

module pen_cup(diameter = 70, height = 100) //render.model.stl
{
  difference() {
    union() {
      cylinder(d = diameter, h = height);
      // Knurled grip: the part with the most geometry.
      for (a = [0 : 30 : 359], z = [20 : 40 : height - 10])
        rotate(a + z) translate([diameter / 2, 0, z]) sphere(d = 6, $fn = 24);
    }
    translate([0, 0, floor_thickness]) cylinder(d = diameter - 2 * wall, h = height);
  }
}

module card_holder() //render.model.stl
{
  difference() {
    rounded_box([90, 40, 30]);
    translate([wall, wall, floor_thickness]) rotate([-12, 0, 0]) cube([90 - 2 * wall, 8, 40]);
    translate([wall, 20, floor_thickness]) rotate([-12, 0, 0]) cube([90 - 2 * wall, 8, 40]);
  }
}

module phone_stand() { //render.model.stl
  rotate([90, 0, 0]) linear_extrude(height = 70, center = true)
    offset(r = 1.5) offset(delta = -1.5)
      polygon([[0, 0], [80, 0], [80, 6], [28, 6], [22, 14], [30, 14], [8, 90], [0, 90]]);
}

module coaster(diameter = 95) //render.model.stl
{
  difference() {
    cylinder(d = diameter, h = 5);
    translate([0, 0, 1.6]) linear_extrude(height = 5)
      intersection() {
        circle(d = diameter - 2 * wall);
        translate([-diameter / 2, -diameter / 2]) hex_grid([diameter, diameter], cell = 5, gap = 1);
      }
  }
}

module cable_clip(cable = 6, count = 4) //render.model.stl //render.model.off
{
  difference() {
    rounded_box([count * (cable + 4) + 4, 16, 12], radius = 2);
    // Each channel breaks through the top by 1 mm: a snap-in opening narrower than the cable
    // (a channel that only touched the top would leave edges shared by four faces).
    for (i = [0 : count - 1])
      translate([4 + i * (cable + 4) + cable / 2, -1, 12 - cable / 2 + 1])
        rotate([-90, 0, 0]) cylinder(d = cable, h = 18);
  }
}

module knob(diameter = 40, height = 18) //render.model.stl
{
  difference() {
    intersection() {
      cylinder(d = diameter, h = height);
      // A domed top.
      translate([0, 0, height - diameter]) sphere(d = 2 * diameter);
    }
    // Knurled grip and the hole for a 6 mm D-shaft.
    for (a = [0 : 9 : 359]) rotate(a) translate([diameter / 2, 0, -1]) rotate(45) cube([2, 2, height + 2], center = false);
    translate([0, 0, -1]) difference() {
      cylinder(d = 6.2, h = height - 4);
      translate([1.8, -5, 0]) cube([10, 10, height]);
    }
  }
}

// 2D parts: a label for each tray pocket, and the tray's outline for laser-cutting a felt pad.
module pocket_label() //render.model.svg //render.model.dxf
{
  difference() {
    rounded_rect([36, 14], radius = 3);
    translate([3, 3]) rounded_rect([30, 8], radius = 2);
  }
}

module felt_pad() //render.model.dxf //render.model.pdf
{
  difference() {
    rounded_rect([tray_size.x, tray_size.y]);
    translate([10, 10]) hex_grid([tray_size.x - 20, tray_size.y - 20], cell = 12, gap = 4);
  }
}
