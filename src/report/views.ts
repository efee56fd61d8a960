/**
 * The views the report and the planner's board (src/web) share, as one script function (plain
 * ES2017, no template literals): `slingaViews(D)` takes the embedded data (`ReportData` with its
 * texts) and returns the label helpers and the renderers of the day map (`#map`, `#legend`) and the
 * timelines (`#timeline`). `renderTimeline(routes, cls)` marks each visit with `data-v` (its index)
 * and each row with `data-r` (its route), takes an optional extra class per visit, and returns its
 * geometry (first minute, scale) so that the board can turn a drop position into a staff row and time.
 * Every text from the data is escaped before it enters markup.
 */
export const VIEWS = String.raw`function slingaViews(D){
var T=D.t,NB=D.bases.length;
function $(id){return document.getElementById(id);}
function esc(s){return String(s).replace(/[&<>"']/g,function(c){return '&#'+c.charCodeAt(0)+';';});}
function wall(m){var s=D.seg,lo=0,hi=s.length-1;while(lo<hi){var mid=(lo+hi+1)>>1;if(s[mid][0]<=m)lo=mid;else hi=mid-1;}var w=(s[lo][1]+(m-s[lo][0]))%1440;return w<0?w+1440:w;}
function p2(n){return (n<10?'0':'')+n;}
function hhmm(m){var w=wall(m);return p2(Math.floor(w/60))+':'+p2(w%60);}
function staffLabel(i){var s=D.staff[i];return s[1]?s[1]+' ('+s[0]+')':s[0];}
function clientLabel(i){var c=D.clients[i];return c[1]?c[1]+' ('+c[0]+')':c[0];}
function baseLabel(i){var b=D.bases[i];return b?(b[1]?b[1]+' ('+b[0]+')':b[0]):'';}
function locXY(l){if(l<0)return null;if(l<NB){var b=D.bases[l];return [b[2],b[3]];}var c=D.clients[l-NB];return c?[c[3],c[4]]:null;}
function locLabel(l){if(l<0)return '';if(l<NB)return T.base+' '+baseLabel(l);return clientLabel(l-NB);}
function taskList(v){var c=D.clients[v[0]],out=[];for(var i=0;i<v[5].length;i+=2){var t=c[6][v[5][i]];out.push(t[0]+' ('+(D.cat[t[1]]||t[1])+', '+v[5][i+1]+' '+T.min+')');}return out.join(', ');}
function others(v,si){var o=[];for(var i=0;i<v[4].length;i++)if(v[4][i]!==si)o.push(staffLabel(v[4][i]));return o.join(', ');}
var CHG={};if(D.chg)D.chg.forEach(function(c){CHG[c[0]]=c[1];});
function chgText(vi){var k=CHG[vi];return k?k.map(function(x){return D.chgT[x]||x;}).join(', '):'';}
function badge(vi){var l=chgText(vi);return l?' <span class="badge">'+esc(l)+'</span>':'';}
function km(m){return (m/1000).toFixed(1).replace('.',D.dec)+' '+T.km;}
function renderMap(rs){
  var svg=$('map');
  if(!rs.length){svg.innerHTML='';svg.setAttribute('hidden','');$('legend').innerHTML='';return;}
  svg.removeAttribute('hidden');
  var x0=1e9,y0=1e9,x1=-1e9,y1=-1e9;
  function ext(p){if(p[0]<x0)x0=p[0];if(p[0]>x1)x1=p[0];if(p[1]<y0)y0=p[1];if(p[1]>y1)y1=p[1];}
  var lines=[],dots={},bases={},leg=[];
  rs.forEach(function(ri){
    var r=D.routes[ri],ev=r[6],pts=[],b=locXY(r[3]),nv=0,tm=0,mt=0,col=D.staff[r[0]][3];
    if(b){pts.push(b);bases[r[3]]=1;}
    for(var i=0;i<ev.length;i+=5){
      if(ev[i]===0){var p=locXY(ev[i+3]);if(p)pts.push(p);tm+=ev[i+2]-ev[i+1];mt+=ev[i+4];}
      else if(ev[i]===2&&ev[i+3]>=0){nv++;var v=D.visits[ev[i+3]];(dots[v[0]]=dots[v[0]]||[]).push([ev[i+1],ev[i+2],r[0]]);}
    }
    pts.forEach(ext);
    var title=staffLabel(r[0])+' \u2014 '+T.shift+' '+hhmm(r[4])+'\u2013'+hhmm(r[5])+': '+nv+' '+T.visits+', '+T.travel+' '+tm+' '+T.min+', '+km(mt);
    lines.push('<polyline data-s="'+r[0]+'" stroke="'+col+'" vector-effect="non-scaling-stroke" points="'+pts.map(function(p){return p[0]+','+p[1];}).join(' ')+'"><title>'+esc(title)+'</title></polyline>');
    leg.push('<li><button type="button" data-staff="'+r[0]+'"><span class="sw" style="background:'+col+'"></span>'+esc(staffLabel(r[0]))+'</button></li>');
  });
  Object.keys(dots).forEach(function(c){var cl=D.clients[c];ext([cl[3],cl[4]]);});
  Object.keys(bases).forEach(function(b){var x=D.bases[b];ext([x[2],x[3]]);});
  var w=Math.max(x1-x0,60),h=Math.max(y1-y0,60),pad=Math.max(w,h)*0.05,u=Math.max(w,h)/160;
  var out=lines.join('');
  Object.keys(dots).forEach(function(c){
    var cl=D.clients[c],vs=dots[c],t=clientLabel(+c);
    vs.forEach(function(v){t+='\n'+hhmm(v[0])+'\u2013'+hhmm(v[1])+' '+staffLabel(v[2]);});
    out+='<circle class="cl" cx="'+cl[3]+'" cy="'+cl[4]+'" r="'+(2.2*u).toFixed(1)+'" fill="'+D.staff[vs[0][2]][3]+'"><title>'+esc(t)+'</title></circle>';
  });
  Object.keys(bases).forEach(function(b){var x=D.bases[b],s=4*u;
    out+='<rect class="bs" x="'+(x[2]-s)+'" y="'+(x[3]-s)+'" width="'+2*s+'" height="'+2*s+'"><title>'+esc(T.base+' '+baseLabel(+b))+'</title></rect>';});
  svg.setAttribute('viewBox',(x0-pad).toFixed(0)+' '+(y0-pad).toFixed(0)+' '+(w+2*pad).toFixed(0)+' '+(h+2*pad).toFixed(0));
  svg.innerHTML=out;
  $('legend').innerHTML=leg.join('');
}
function renderTimeline(rs,cls){
  var svg=$('timeline');
  if(!rs.length){svg.innerHTML='';svg.setAttribute('hidden','');return null;}
  svg.removeAttribute('hidden');
  var t0=1e9,t1=-1e9;
  rs.forEach(function(ri){var r=D.routes[ri];if(r[4]<t0)t0=r[4];if(r[5]>t1)t1=r[5];});
  t0-=wall(t0)%60;t1+=(60-wall(t1)%60)%60;if(t1<=t0)t1=t0+60;
  var L=190,W=1000,RH=22,top=18,sx=(W-L-6)/(t1-t0),H=top+rs.length*RH+4;
  function X(m){return (L+(m-t0)*sx).toFixed(1);}
  function Wd(a,b){return Math.max(0.8,(b-a)*sx).toFixed(1);}
  var o=[];
  for(var m=t0;m<=t1;m++){if(wall(m)%60===0){o.push('<line class="grid" x1="'+X(m)+'" x2="'+X(m)+'" y1="'+(top-4)+'" y2="'+(H-2)+'"/><text x="'+X(m)+'" y="11" text-anchor="middle">'+hhmm(m).slice(0,2)+'</text>');}}
  rs.forEach(function(ri,k){
    var r=D.routes[ri],y=top+k*RH,ev=r[6],col=D.staff[r[0]][3],lab=staffLabel(r[0]);
    o.push('<g class="row" data-s="'+r[0]+'" data-r="'+ri+'"><text x="4" y="'+(y+15)+'">'+esc(lab.length>30?lab.slice(0,29)+'\u2026':lab)+'<title>'+esc(lab)+'</title></text>');
    o.push('<rect class="sh" x="'+X(r[4])+'" y="'+(y+2)+'" width="'+Wd(r[4],r[5])+'" height="'+(RH-4)+'"><title>'+esc(T.shift+' '+r[2]+' '+hhmm(r[4])+'\u2013'+hhmm(r[5]))+'</title></rect>');
    for(var i=0;i<ev.length;i+=5){
      var a=ev[i+1],b=ev[i+2],t=hhmm(a)+'\u2013'+hhmm(b)+' ';
      if(ev[i]===0)o.push('<rect class="tr" x="'+X(a)+'" y="'+(y+8)+'" width="'+Wd(a,b)+'" height="6"><title>'+esc(t+T.travel+' \u2192 '+locLabel(ev[i+3])+', '+(b-a)+' '+T.min+', '+km(ev[i+4]))+'</title></rect>');
      else if(ev[i]===1)o.push('<rect class="wt" x="'+X(a)+'" y="'+(y+5)+'" width="'+Wd(a,b)+'" height="12"><title>'+esc(t+T.wait)+'</title></rect>');
      else if(ev[i]===3)o.push('<rect class="br" x="'+X(a)+'" y="'+(y+4)+'" width="'+Wd(a,b)+'" height="14"><title>'+esc(t+T.break)+'</title></rect>');
      else if(ev[i]===2){var v=D.visits[ev[i+3]],d=v?clientLabel(v[0])+': '+taskList(v):'';var w=v?others(v,r[0]):'';
        var cl=chgText(ev[i+3]);
        o.push('<rect class="vi'+(cl?' chg':'')+(cls?cls(ev[i+3]):'')+'" data-v="'+ev[i+3]+'" fill="'+col+'" x="'+X(a)+'" y="'+(y+3)+'" width="'+Wd(a,b)+'" height="16"><title>'+esc((cl?'['+cl+'] ':'')+t+T.visit+' '+d+(w?' \u2014 '+T.with+' '+w:''))+'</title></rect>');}
    }
    o.push('</g>');
  });
  svg.setAttribute('viewBox','0 0 '+W+' '+H);
  svg.innerHTML=o.join('');
  return {t0:t0,t1:t1,L:L,W:W,RH:RH,top:top,sx:sx};
}
return {T:T,$:$,esc:esc,wall:wall,hhmm:hhmm,staffLabel:staffLabel,clientLabel:clientLabel,baseLabel:baseLabel,locLabel:locLabel,taskList:taskList,others:others,CHG:CHG,chgText:chgText,badge:badge,km:km,renderMap:renderMap,renderTimeline:renderTimeline};
}`;
