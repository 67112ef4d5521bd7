// Opened straight from disk (file://), the browser refuses this page's module
// scripts; offline.html is the same playground built to run from a folder.
if (location.protocol === 'file:') location.replace('offline.html' + location.hash);
