/** English texts of the "model" namespace: saved models and the export to Python. */
export default {
  heading: 'Model',
  download: 'Download model',
  downloadHint: 'Saves the network as it is now (weights, biases, settings, points, epoch) in a file you can open again here.',
  open: 'Open model',
  openHint: 'Opens a model file saved with "Download model": the network goes on training exactly where it was.',
  python: 'Export to Python',
  pythonHint: 'Downloads a short NumPy script with this network, its weights and its points, which trains on the same way (for Jupyter or Colab).',
  downloaded: 'Saved {{file}} at {{epoch}} epochs.',
  exported: 'Saved {{file}}: run it with Python 3 and NumPy.',
  opened: 'Opened the model {{file}}: {{epoch}} epochs, its settings and points. Training goes on from there.',
  refused: 'The model {{file}} was not opened: {{reason}}. Nothing was changed.',
  reasons: {
    empty: 'the file is empty',
    'too-large': 'the file is too large to be a model',
    truncated: 'the file is cut off (the end is missing); download it again',
    damaged: 'the file is damaged (it is not readable JSON)',
    foreign: 'it is not a model file of this playground',
    future: 'it was saved by a newer version of this playground (model format {{version}}; this one reads up to {{supported}})',
    invalid: 'a value in it is not valid ({{path}}: {{issue}})',
    unreadable: 'the file could not be read',
  },
};
