import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';

/** ◀ and ▶ under a paged reply; each button's custom_id names the page it opens. */
export function pagerRow(
  page: number,
  pageCount: number,
  idFor: (page: number) => string,
): APIActionRowComponent<APIButtonComponent>[] {
  if (pageCount <= 1) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: '◀ Previous',
          custom_id: idFor(Math.max(page - 1, 0)),
          disabled: page === 0,
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: 'Next ▶',
          custom_id: idFor(Math.min(page + 1, pageCount - 1)),
          disabled: page === pageCount - 1,
        },
      ],
    },
  ];
}
