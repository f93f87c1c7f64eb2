/**
 * Interleaving: questions from different topics take turns rather than coming in blocks, so each question first asks
 * the student which idea it calls for. Mixed practice is remembered better on later tests than practice in blocks.
 */

/** Anything filed under a topic: a question, or a question a student got wrong. */
interface Topical {
  topic: string;
}

/**
 * `questions`, given most wanted first, reordered so that no two neighbours share a topic wherever the pool allows,
 * and as few as it allows otherwise (six questions on one topic and one on another cannot all be kept apart). Each
 * topic's questions keep their order, and every place goes to the most wanted question that still lets the rest be
 * spread that well, so the order moves only as far from the one given as mixing needs. `after` is the topic of a
 * question asked just before these, which the first of them then avoids. Input order alone decides the result.
 */
export function interleaveTopics<T extends Topical>(questions: readonly T[], after?: string): T[] {
  const queues = new Map<string, { question: T; rank: number }[]>();
  questions.forEach((question, rank) => {
    const queue = queues.get(question.topic);
    if (queue) queue.push({ question, rank });
    else queues.set(question.topic, [{ question, rank }]);
  });
  const ordered: T[] = [];
  let previous = after;
  while (ordered.length < questions.length) {
    const counts = new Map([...queues].map(([topic, queue]) => [topic, queue.length]));
    let best: { topic: string; repeats: number; rank: number } | undefined;
    for (const [topic, queue] of queues) {
      const next = queue[0];
      if (!next) continue;
      counts.set(topic, queue.length - 1);
      const repeats = (topic === previous ? 1 : 0) + fewestRepeats(counts, topic);
      counts.set(topic, queue.length);
      if (!best || repeats < best.repeats || (repeats === best.repeats && next.rank < best.rank)) {
        best = { topic, repeats, rank: next.rank };
      }
    }
    // The loop runs only while questions are left, so some topic's queue always has one to give.
    const taken = best && queues.get(best.topic)?.shift();
    if (!best || !taken) break;
    ordered.push(taken.question);
    previous = best.topic;
  }
  return ordered;
}

/**
 * The fewest neighbours sharing a topic that questions in these `counts` per topic can be laid out with, counting
 * the first against `previous`. Only the largest topic can be forced next to itself: its questions need one of the
 * others between each two of them (and before the first too, when it is also the topic just asked).
 */
function fewestRepeats(counts: ReadonlyMap<string, number>, previous: string | undefined): number {
  let total = 0;
  let largest = 0;
  let largestIsPrevious = false;
  for (const [topic, count] of counts) {
    total += count;
    // On a tie the other topic counts as the largest: it can go first, so the previous topic is no constraint.
    if (count > largest || (count === largest && largestIsPrevious)) {
      largest = count;
      largestIsPrevious = topic === previous;
    }
  }
  const others = total - largest;
  const gapsToFill = largestIsPrevious ? largest : largest - 1;
  return Math.max(0, gapsToFill - others);
}
