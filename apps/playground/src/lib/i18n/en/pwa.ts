/** English texts of the "pwa" namespace: the notice that offers a new version of the installed app. */
export default {
  update: {
    ready: 'A new version is ready.',
    explain: 'Updating reloads the page: the settings and the experiment log stay, training starts again.',
    button: 'Update',
    later: 'Not now',
    afterPause: 'The new version will load when you pause training.',
    updating: 'Loading the new version…',
  },
} as const;
